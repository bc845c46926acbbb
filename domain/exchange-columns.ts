/**
 * The Chinese title of every column of the exchange files (docs/definitions.md, exchange format),
 * beside the column names the files use: the templates write `county_code（区县代码）` in their
 * header, which the import reads as `county_code`, and the dashboard names a rejected cell's column
 * with it. platform/tables.ts has the columns themselves; a test checks that every one has its title.
 */
export const EXCHANGE_FILE_TITLES: Readonly<Record<string, string>> = {
  enterprises: '企业名录',
  insurers: '保险机构',
  providers: '第三方服务机构',
  policies: '保单',
  policy_shares: '共保份额',
  services: '事故预防服务',
  fee_ledger: '预防费用台账',
  claims: '理赔',
  insurer_filings: '保险机构备案材料',
  annual_reports: '年度报告',
};

export const EXCHANGE_COLUMN_TITLES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  enterprises: {
    id: '企业编号', uscc: '统一社会信用代码', name: '企业名称', industry: '行业', size: '企业规模', county_code: '区县代码',
    status: '经营状态', risk_level: '风险等级', standardization_grade: '标准化等级', employees: '从业人数',
  },
  insurers: { id: '保险机构编号', name: '保险机构名称', filed_on: '备案日期' },
  providers: { id: '服务机构编号', name: '服务机构名称', qualification_no: '资质证书编号', qualified_until: '资质有效期至', blacklisted: '是否列入黑名单' },
  policies: {
    id: '保单编号', policy_no: '保单号', enterprise_id: '企业编号', start_date: '保险起期', end_date: '保险止期', premium: '应收保费（元）',
    premium_received: '实收保费（元）', death_limit_per_person: '每人死亡赔偿限额（元）', insured_persons: '承保人数', cancelled: '是否退保',
  },
  policy_shares: { policy_id: '保单编号', insurer_id: '保险机构编号', share_percent: '共保份额（%）' },
  services: {
    id: '服务编号', policy_id: '保单编号', enterprise_id: '企业编号', insurer_id: '保险机构编号', provider_id: '服务机构编号',
    kind: '服务类型', service_date: '服务日期', cost: '服务费用（元）', hazards_found: '发现隐患数', hazards_rectified: '整改隐患数',
  },
  fee_ledger: {
    id: '台账编号', insurer_id: '保险机构编号', county_code: '区县代码', entry_date: '记账日期', amount: '金额（元）', category: '费用类别',
    service_id: '服务编号',
  },
  claims: {
    id: '理赔编号', policy_id: '保单编号', accident_date: '事故日期', reported_on: '报案日期', deaths: '死亡人数', injuries: '受伤人数',
    claimed_amount: '索赔金额（元）', paid_amount: '赔付金额（元）', status: '理赔状态', settled_on: '结案日期', denial_reason: '拒赔原因',
  },
  insurer_filings: { insurer_id: '保险机构编号', item: '备案材料项', received_on: '收到日期' },
  annual_reports: { insurer_id: '保险机构编号', year: '年度', submitted_on: '报送日期' },
};
