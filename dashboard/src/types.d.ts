declare module '@mapbox/geojson-rewind' {
  import type { GeoJSON } from 'geojson';
  /** Rewinds rings in place; `clockwise` true gives the winding d3-geo expects. */
  export default function rewind<T extends GeoJSON>(geojson: T, clockwise?: boolean): T;
}
