// The string table (English and Simplified Chinese) and locale-aware number formatting.
// Every UI string lives here so a translator edits one file. Parameter labels, preset names and
// series labels come from the Rust catalogue in English; the Chinese tables below are keyed by
// catalogue id and fall back to the English text when an id is missing (a new parameter still
// gets its slider, only untranslated). Numbers are formatted with Intl.NumberFormat; the page
// converts units only for display (t -> kt, $M -> $ bn), never computes a model figure.

export const LANGS = ['en', 'zh'];

const I18N_UI = {
  en: {
    title: 'Rare earth magnet supply chain calculator',
    skip: 'Skip to the results',
    tagline: 'The US, China, allies and the rest of the world, 2024 onwards. Move a lever; every figure is recomputed by the model in your browser.',
    language: 'Language',
    lang_name: 'English',
    loading: 'Loading the model…',
    load_failed: 'The model could not be loaded: {message}',
    scenario: 'Scenario',
    preset: 'Starting point (preset)',
    preset_sources: 'Sources: {sources}',
    reset_all: 'Reset all',
    reset_all_hint: 'Put every lever back to the selected preset',
    share_link: 'Copy link',
    link_copied: 'Link copied to the clipboard.',
    link_ready: 'The address bar now holds a link to this scenario.',
    save_scenario: 'Save scenario',
    download_csv: 'Download CSV',
    download_json: 'Download JSON',
    embed: 'Embed…',
    embed_title: 'Embed this scenario',
    embed_intro: 'Paste one of these into your page. Both start from the scenario shown now.',
    embed_element: 'As a custom element (one script tag)',
    embed_iframe: 'As an iframe that sizes itself',
    embed_copy: 'Copy',
    embed_copied: 'Snippet copied to the clipboard.',
    embed_file_note: 'This page was opened from a file: the snippets need the calculator published on a web server.',
    embed_frame_title: 'Rare earth magnet supply chain calculator',
    close: 'Close',
    download_svg: 'SVG',
    download_png: 'PNG',
    download_chart: 'Download “{title}” as {kind}',
    theme: 'Theme',
    theme_light: 'Light',
    theme_dark: 'Dark',
    theme_projector: 'Projector',
    locked: 'locked by the link',
    open_scenario: 'Open scenario…',
    opened_scenario: 'Opened scenario file {name}.',
    changed_count: '{n} levers changed from the preset',
    changed_one: '1 lever changed from the preset',
    changed_none: 'No lever changed from the preset',
    levers: 'Levers',
    group_costs: 'Costs',
    group_capacity: 'Capacity and investment',
    group_demand: 'Demand',
    group_trade: 'Trade controls',
    group_stockpile_recycling: 'Stockpile and recycling',
    advanced: 'Advanced / calibration ({n})',
    reset: 'Reset',
    reset_param: 'Reset {label} to {value}',
    info_param: 'About {label}: source and grade',
    number_entry: '{label}, value in {unit}',
    number_entry_nounit: '{label}, value',
    source: 'Source',
    grade: 'Grade',
    grade_A: 'A: official or primary source',
    grade_B: 'B: reputable secondary source',
    grade_C: 'C: weak, derived or assumed; treat as adjustable',
    'grade_-': 'policy lever or model setting',
    default_value: 'Sourced default',
    preset_value: 'Preset value',
    range: 'Range',
    error_framing: 'That value was not accepted, so nothing changed: {message}',
    error_scenario: 'That scenario could not be run, so nothing changed: {message}',
    error_file: 'That file could not be opened: {message}',
    error_link: 'Part of the link was ignored: {message}',
    dismiss: 'Dismiss',
    headline: 'Headline figures',
    hl_chain_2030: 'US magnet chain self-sufficiency in 2030',
    hl_chain_horizon: 'US magnet chain self-sufficiency in {year}',
    hl_peak: 'Peak US shortfall',
    hl_peak_value: '{amount} ({year})',
    hl_peak_none: 'none',
    hl_year50: 'Year the US chain reaches 50%',
    hl_year100: 'Year the US chain reaches 100%',
    hl_not_by: 'not by {year}',
    hl_defence: 'US defence demand covered, 2028',
    hl_cost: 'Cumulative public cost',
    hl_china_sep: 'China’s share of separation, 2030',
    hl_preset: 'preset: {value}',
    mini: '2030: {chain} · peak gap {peak}',
    summary_label: 'In plain words',
    summary_main: 'In 2030 an all-US chain, from US mines to US magnet plants, makes {chain2030} of the magnets the US uses and {chainH} in {horizon}{reach}; ',
    reach_none: '',
    reach_half: ', reaching half in {y50}',
    reach_full: ', reaching half in {y50} and all in {y100}',
    summary_gap: 'the US shortfall peaks at {peak} in {peakYear}, ',
    summary_no_gap: 'US demand is met in every year, ',
    summary_tail: 'and support costs the public {cost} in all.',
    cmp_intro: 'Against the preset, ',
    cmp_chain_up: '2030 self-sufficiency is higher',
    cmp_chain_down: '2030 self-sufficiency is lower',
    cmp_chain_same: '2030 self-sufficiency is unchanged',
    cmp_peak_up: 'the peak shortfall is larger',
    cmp_peak_down: 'the peak shortfall is smaller',
    cmp_peak_same: 'the peak shortfall is unchanged',
    cmp_cost_up: 'the public pays more',
    cmp_cost_down: 'the public pays less',
    cmp_cost_same: 'the public cost is unchanged',
    cmp_join: ', ',
    cmp_last: ' and ',
    cmp_end: '.',
    warnings: 'Model notes',
    warnings_none: 'No notes for these settings.',
    warning_year: '{year}: ',
    charts: 'Charts',
    chart_hint: 'Faint lines: the selected preset with no changes. Hover, or focus a chart and use the arrow keys, to read values.',
    chart_keys: '{title}. Chart. Use the left and right arrow keys to read values by year.',
    preset_line: 'preset',
    readout_series: 'Series',
    readout_current: 'These settings',
    c_self_title: 'US self-sufficiency by stage',
    c_self_sub: 'Share of US demand met from US output at each stage, and from a chain that is US at every stage.',
    c_supply_title: 'US supply against demand',
    c_supply_sub: 'Magnet rare earths, oxide equivalent. The shaded gap is unmet US demand.',
    c_china_title: 'China’s share of world output by stage',
    c_china_sub: 'A falling line means other countries produce more of the stage.',
    c_cost_title: 'NdPr oxide unit cost',
    c_cost_sub: 'What a tonne costs to make in the US and in China.',
    c_public_title: 'Public cost of US support',
    c_public_sub: 'Bars: each year (price floor or subsidy). Line: cumulative, right axis.',
    c_stock_title: 'US strategic stockpile',
    c_stock_sub: 'Months of US demand the stockpile could cover, and tonnes held (right axis).',
    s_mining: 'Mining',
    s_separation: 'Separation',
    s_metal: 'Metal and alloy',
    s_magnet: 'Magnets',
    s_chain: 'Whole chain',
    s_demand: 'US demand',
    s_supply: 'Supply reaching US buyers',
    s_shortfall: 'Shortfall (shaded)',
    s_shortfall_short: 'Shortfall',
    s_cost_us: 'US',
    s_cost_cn: 'China (market price)',
    s_public: 'Per year',
    s_public_cum: 'Cumulative',
    s_months: 'Months of cover',
    s_stock_t: 'Tonnes held',
    events_legend: 'Markers',
    ev_commissioning: 'plant starts',
    ev_control_start: 'export control starts',
    ev_control_end: 'export control ends',
    ev_policy: 'policy',
    ev_target: 'target',
    data_table: 'Data table',
    year: 'Year',
    preset_col: '{label} (preset)',
    cmp_line: 'A (pinned)',
    cmp_col: '{label} (A)',
    compare: 'Compare A/B',
    compare_intro: 'Pin the current scenario as A, then keep changing the levers (B). A shows as a dotted line on every chart.',
    pin_a: 'Pin as A',
    clear_a: 'Clear A',
    cmp_link_label: 'Compare with a link (paste a share link or its # part)',
    cmp_link_load: 'Load as A',
    cmp_a_desc: 'A: {desc}',
    cmp_none: 'Nothing pinned yet.',
    cmp_pinned: 'Pinned the current scenario as A.',
    cmp_loaded: 'Loaded the link as A.',
    cmp_cleared: 'Cleared A.',
    cmp_link_empty: 'Paste a share link first.',
    cmp_link_notices: 'Parts of the link could not be read and keep their defaults: {message}',
    cmp_table: 'Headline figures, A against B',
    cmp_metric: 'Figure',
    cmp_a: 'A (pinned)',
    cmp_b: 'B (current)',
    cmp_diff: 'B − A',
    cmp_years: '{n} yr',
    cmp_pp: '{n} pp',
    cmp_cum_shortfall: 'US shortfall, cumulative',
    cmp_peak_year: 'Year of peak US shortfall',
    cmp_changes: '{preset}, {n} levers changed',
    assumptions: 'Assumptions and sources',
    assumptions_intro: 'Every lever with its current value, the sourced default, the source and a grade for how much weight it can bear.',
    only_changed: 'Show only values that differ from the sourced default',
    params_table: 'Table of levers, values and sources',
    filter: 'Filter',
    filter_placeholder: 'name, id or source',
    col_param: 'Parameter',
    col_value: 'Current',
    col_default: 'Default',
    col_unit: 'Unit',
    col_grade: 'Grade',
    col_source: 'Source',
    rows_shown: '{n} of {total} shown',
    claims_title: 'Where the “as reported” figures and the sourced baseline disagree',
    claims_intro: 'The “{preset}” preset uses a news summary’s own numbers. Each claim is checked against sources:',
    col_claim: 'Reported',
    col_sourced: 'Sourced',
    col_verdict: 'Verdict',
    col_reported_value: 'Preset value',
    no_param: '(no lever)',
    projects_title: 'Plants and projects in the model',
    projects_intro: 'Plants outside China that the model commissions by year. Deal-financed ones run only when “{lever}” is set to built.',
    col_plant: 'Plant',
    col_region: 'Where',
    col_stage: 'Stage',
    col_capacity: 'Capacity per year',
    col_start: 'Starts',
    col_basis: 'In the model',
    region_us: 'US',
    region_cn: 'China',
    region_allies: 'allies',
    region_row: 'rest of world',
    stage_mining: 'mining',
    stage_separation: 'separation',
    stage_metal: 'metal and alloy',
    stage_magnet: 'magnets',
    stage_integrated: 'metal, alloy and magnets',
    cap_ndpr: '{n} t NdPr',
    cap_heavy: '{n} t Dy+Tb',
    cap_magnet: '{n} t magnets',
    basis_deal: 'deal-financed',
    basis_base: 'baseline',
    footer: 'Model version {version}. The model runs as WebAssembly in this page; nothing is sent anywhere. Sources and equations: see docs/MODEL.md in the repository.',
    yes: 'yes',
    no: 'no',
  },
  zh: {
    title: '稀土永磁供应链计算器',
    skip: '跳到结果',
    tagline: '美国、中国、盟国与世界其他地区，2024年起。移动任一杠杆，所有数字都由模型在您的浏览器中重新计算。',
    language: '语言',
    lang_name: '简体中文',
    loading: '正在加载模型…',
    load_failed: '模型无法加载：{message}',
    scenario: '情景',
    preset: '起点（预设情景）',
    preset_sources: '来源：{sources}',
    reset_all: '全部重置',
    reset_all_hint: '将所有杠杆恢复为所选预设情景的数值',
    share_link: '复制链接',
    link_copied: '链接已复制到剪贴板。',
    link_ready: '地址栏中现为此情景的链接。',
    save_scenario: '保存情景',
    download_csv: '下载CSV',
    download_json: '下载JSON',
    embed: '嵌入…',
    embed_title: '嵌入此情景',
    embed_intro: '将以下任一代码粘贴到您的网页中。两者都从当前显示的情景开始。',
    embed_element: '作为自定义元素（一个 script 标签）',
    embed_iframe: '作为可自动调整高度的 iframe',
    embed_copy: '复制',
    embed_copied: '代码已复制到剪贴板。',
    embed_file_note: '本页面是以文件方式打开的：这些代码需要计算器发布在网络服务器上。',
    embed_frame_title: '稀土磁体供应链计算器',
    close: '关闭',
    download_svg: 'SVG',
    download_png: 'PNG',
    download_chart: '将“{title}”下载为 {kind}',
    theme: '主题',
    theme_light: '浅色',
    theme_dark: '深色',
    theme_projector: '投影',
    locked: '已由链接锁定',
    open_scenario: '打开情景…',
    opened_scenario: '已打开情景文件 {name}。',
    changed_count: '相对预设情景改动了 {n} 个杠杆',
    changed_one: '相对预设情景改动了 1 个杠杆',
    changed_none: '未改动任何杠杆',
    levers: '杠杆',
    group_costs: '成本',
    group_capacity: '产能与投资',
    group_demand: '需求',
    group_trade: '贸易管制',
    group_stockpile_recycling: '储备与回收',
    advanced: '高级 / 校准参数（{n}）',
    reset: '重置',
    reset_param: '将{label}重置为 {value}',
    info_param: '关于{label}：来源与等级',
    number_entry: '{label}，数值，单位{unit}',
    number_entry_nounit: '{label}，数值',
    source: '来源',
    grade: '等级',
    grade_A: 'A：官方或一手来源',
    grade_B: 'B：可靠的二手来源',
    grade_C: 'C：较弱、推导或假设，可视为可调假设',
    'grade_-': '政策杠杆或模型设置',
    default_value: '有据默认值',
    preset_value: '预设值',
    range: '范围',
    error_framing: '该数值未被接受，设置未作任何更改：{message}',
    error_scenario: '该情景无法运行，设置未作任何更改：{message}',
    error_file: '无法打开该文件：{message}',
    error_link: '链接中的部分内容已被忽略：{message}',
    dismiss: '关闭',
    headline: '关键数字',
    hl_chain_2030: '2030年美国磁体产业链自给率',
    hl_chain_horizon: '{year}年美国磁体产业链自给率',
    hl_peak: '美国供应缺口峰值',
    hl_peak_value: '{amount}（{year}年）',
    hl_peak_none: '无',
    hl_year50: '美国产业链自给率达到50%的年份',
    hl_year100: '美国产业链自给率达到100%的年份',
    hl_not_by: '{year}年前未达到',
    hl_defence: '2028年美国国防需求覆盖率',
    hl_cost: '累计公共成本',
    hl_china_sep: '2030年中国在分离环节的份额',
    hl_preset: '预设：{value}',
    mini: '2030年：{chain} · 缺口峰值 {peak}',
    summary_label: '简要说明',
    summary_main: '2030年，从美国矿山到美国磁体工厂的全本土产业链可满足美国磁体用量的{chain2030}，{horizon}年为{chainH}{reach}；',
    reach_none: '',
    reach_half: '，{y50}年过半',
    reach_full: '，{y50}年过半，{y100}年完全自给',
    summary_gap: '美国供应缺口在{peakYear}年达到峰值{peak}，',
    summary_no_gap: '美国需求每年都得到满足，',
    summary_tail: '公共扶持累计花费{cost}。',
    cmp_intro: '与预设情景相比，',
    cmp_chain_up: '2030年自给率更高',
    cmp_chain_down: '2030年自给率更低',
    cmp_chain_same: '2030年自给率不变',
    cmp_peak_up: '缺口峰值更大',
    cmp_peak_down: '缺口峰值更小',
    cmp_peak_same: '缺口峰值不变',
    cmp_cost_up: '公共支出更多',
    cmp_cost_down: '公共支出更少',
    cmp_cost_same: '公共支出不变',
    cmp_join: '，',
    cmp_last: '，',
    cmp_end: '。',
    warnings: '模型提示',
    warnings_none: '当前设置没有提示。',
    warning_year: '{year}年：',
    w_magnet_capacity_without_feed: '美国磁体产能因缺少金属原料而闲置，共{value}个年份，自{year}年起',
    w_us_concentrate_unsold: '{year}年有{value}吨美国精矿（以磁体稀土计）找不到买家：对华销售已停止，而美国分离产能太小',
    w_control_after_horizon: '出口管制{value}始于{year}年，晚于预测终点（{horizon}年）：不产生影响',
    w_investment_after_horizon: '公共投资的产能于{year}年投产，晚于预测终点（{horizon}年）',
    w_magnet_capacity_relies_on_imported_metal: '新增的美国磁体产能没有配套的美国金属产能：依靠进口金属运行',
    e_control_start: '出口管制{value}开始',
    e_control_end: '出口管制{value}结束',
    e_floor_start: '每公斤{value}美元的价格下限开始',
    e_floor_end: '价格下限结束',
    e_investment: '公共资金建设的产能投产',
    e_defence_goal: '美国国防部目标：建成满足全部国防需求的从矿山到磁体产业链',
    charts: '图表',
    chart_hint: '浅色线：未作改动的所选预设情景。将指针悬停在图表上，或聚焦图表后用方向键，可读取数值。',
    chart_keys: '{title}。图表。使用左右方向键按年份读取数值。',
    preset_line: '预设',
    readout_series: '数据系列',
    readout_current: '当前设置',
    c_self_title: '美国各环节自给率',
    c_self_sub: '美国需求中由美国各环节产出满足的比例，以及由每个环节都在美国的产业链满足的比例。',
    c_supply_title: '美国供应与需求',
    c_supply_sub: '磁体稀土，按氧化物当量计。阴影部分为美国未满足的需求。',
    c_china_title: '中国占全球各环节产量的份额',
    c_china_sub: '曲线下降表示其他国家在该环节的产量增加。',
    c_cost_title: '氧化镨钕单位成本',
    c_cost_sub: '在美国和在中国生产一吨的成本。',
    c_public_title: '美国扶持的公共成本',
    c_public_sub: '柱形：每年（价格下限或补贴）。曲线：累计，右轴。',
    c_stock_title: '美国战略储备',
    c_stock_sub: '储备可覆盖美国需求的月数，以及储备吨数（右轴）。',
    s_mining: '采矿',
    s_separation: '分离',
    s_metal: '金属与合金',
    s_magnet: '磁体',
    s_chain: '全产业链',
    s_demand: '美国需求',
    s_supply: '到达美国买家的供应',
    s_shortfall: '缺口（阴影）',
    s_shortfall_short: '缺口',
    s_cost_us: '美国',
    s_cost_cn: '中国（市场价）',
    s_public: '每年',
    s_public_cum: '累计',
    s_months: '可覆盖月数',
    s_stock_t: '储备吨数',
    events_legend: '标记',
    ev_commissioning: '工厂投产',
    ev_control_start: '出口管制开始',
    ev_control_end: '出口管制结束',
    ev_policy: '政策',
    ev_target: '目标',
    data_table: '数据表',
    year: '年份',
    preset_col: '{label}（预设）',
    cmp_line: 'A（固定）',
    cmp_col: '{label}（A）',
    compare: 'A/B 对比',
    compare_intro: '将当前情景固定为 A，然后继续调整杠杆（B）。A 在每张图中显示为点线。',
    pin_a: '固定为 A',
    clear_a: '清除 A',
    cmp_link_label: '与链接对比（粘贴分享链接或其 # 部分）',
    cmp_link_load: '作为 A 载入',
    cmp_a_desc: 'A：{desc}',
    cmp_none: '尚未固定情景。',
    cmp_pinned: '已将当前情景固定为 A。',
    cmp_loaded: '已将链接载入为 A。',
    cmp_cleared: '已清除 A。',
    cmp_link_empty: '请先粘贴分享链接。',
    cmp_link_notices: '链接中有部分内容无法读取，已保留默认值：{message}',
    cmp_table: '主要数字：A 与 B 对比',
    cmp_metric: '指标',
    cmp_a: 'A（固定）',
    cmp_b: 'B（当前）',
    cmp_diff: 'B − A',
    cmp_years: '{n} 年',
    cmp_pp: '{n} 个百分点',
    cmp_cum_shortfall: '美国累计缺口',
    cmp_peak_year: '美国缺口峰值年份',
    cmp_changes: '{preset}，改动了 {n} 个杠杆',
    assumptions: '假设与来源',
    assumptions_intro: '每个杠杆的当前值、有据默认值、来源，以及表示其可信程度的等级。',
    only_changed: '只显示与有据默认值不同的数值',
    params_table: '杠杆、数值与来源一览表',
    filter: '筛选',
    filter_placeholder: '名称、ID或来源',
    col_param: '参数',
    col_value: '当前值',
    col_default: '默认值',
    col_unit: '单位',
    col_grade: '等级',
    col_source: '来源',
    rows_shown: '显示 {n} / {total} 项',
    claims_title: '“媒体报道”数字与有据基准不一致之处',
    claims_intro: '“{preset}”预设情景使用新闻摘要自己的数字。每条说法都已对照来源核查：',
    col_claim: '报道说法',
    col_sourced: '来源数据',
    col_verdict: '结论',
    col_reported_value: '预设值',
    no_param: '（无对应杠杆）',
    projects_title: '模型中的工厂与项目',
    projects_intro: '模型按年份投产的中国以外工厂。协议融资项目只有在“{lever}”设为建设时才运行。',
    col_plant: '工厂',
    col_region: '所在地',
    col_stage: '环节',
    col_capacity: '年产能',
    col_start: '投产',
    col_basis: '模型中',
    region_us: '美国',
    region_cn: '中国',
    region_allies: '盟国',
    region_row: '其他国家',
    stage_mining: '采矿',
    stage_separation: '分离',
    stage_metal: '金属与合金',
    stage_magnet: '磁体',
    stage_integrated: '金属、合金与磁体',
    cap_ndpr: '{n} 吨镨钕',
    cap_heavy: '{n} 吨镝+铽',
    cap_magnet: '{n} 吨磁体',
    basis_deal: '协议融资',
    basis_base: '基准情景',
    footer: '模型版本 {version}。模型以WebAssembly形式在本页面中运行，不会向任何地方发送数据。来源与方程见代码库中的 docs/MODEL.md。',
    yes: '是',
    no: '否',
  },
};

// Chinese labels of the catalogue's parameters, keyed by parameter id.
const I18N_ZH_PARAMS = {
  horizon_year: '预测终止年份',
  world_demand_2024_t: '2024年全球磁体稀土需求',
  demand_growth_pct_per_yr: '2030年前需求增速',
  demand_growth_after_2030_pct_per_yr: '2030年后需求增速',
  us_demand_share_pct: '美国占全球需求的份额',
  china_demand_share_pct: '中国占全球需求的份额',
  allies_demand_share_pct: '盟国占全球需求的份额',
  heavy_share_of_demand_pct: '镝+铽占磁体稀土需求的比例',
  us_defence_demand_t: '美国国防需求',
  substitution_rate_pct_per_yr: '替代与节约响应',
  substitution_cap_pct: '替代上限',
  mine_us_t_reo: '2024年美国矿山产量',
  mine_cn_t_reo: '2024年中国矿山产量',
  mine_allies_t_reo: '2024年盟国矿山产量',
  mine_row_t_reo: '2024年其他国家矿山产量',
  mine_growth_us_pct_per_yr: '2030年前美国矿山增速',
  mine_growth_cn_pct_per_yr: '2030年前中国矿山增速',
  mine_growth_allies_pct_per_yr: '2030年前盟国矿山增速',
  mine_growth_row_pct_per_yr: '2030年前其他国家矿山增速',
  capacity_growth_after_2030_pct_per_yr: '2030年后美国以外产能增速',
  ndpr_content_us_pct: '美国矿石中的镨钕含量',
  ndpr_content_cn_pct: '中国矿石中的镨钕含量',
  ndpr_content_allies_pct: '盟国矿石中的镨钕含量',
  ndpr_content_row_pct: '其他国家矿石中的镨钕含量',
  heavy_content_us_pct: '美国矿石中的镝+铽含量',
  heavy_content_cn_pct: '中国矿石中的镝+铽含量',
  heavy_content_allies_pct: '盟国矿石中的镝+铽含量',
  heavy_content_row_pct: '其他国家矿石中的镝+铽含量',
  util_mine_us_pct: '美国矿山开工率',
  util_mine_cn_pct: '中国矿山开工率',
  util_mine_allies_pct: '盟国矿山开工率',
  util_mine_row_pct: '其他国家矿山开工率',
  sep_cap_us_t: '美国新增分离产能',
  sep_cap_cn_t: '中国镨钕分离产能',
  sep_cap_allies_t: '盟国镨钕分离产能',
  sep_cap_row_t: '其他国家镨钕分离产能',
  heavy_sep_cap_us_t: '美国新增镝+铽分离产能',
  heavy_sep_cap_cn_t: '中国镝+铽分离产能',
  heavy_sep_cap_allies_t: '盟国镝+铽分离产能',
  heavy_sep_cap_row_t: '其他国家镝+铽分离产能',
  util_sep_us_pct: '美国分离开工率',
  util_sep_cn_pct: '中国分离开工率',
  util_sep_allies_pct: '盟国分离开工率',
  util_sep_row_pct: '其他国家分离开工率',
  metal_cap_us_t: '美国新增金属与合金产能',
  metal_cap_cn_t: '中国金属与合金产能',
  metal_cap_allies_t: '盟国金属与合金产能',
  metal_cap_row_t: '其他国家金属与合金产能',
  util_metal_us_pct: '美国金属开工率',
  util_metal_cn_pct: '中国金属开工率',
  util_metal_allies_pct: '盟国金属开工率',
  util_metal_row_pct: '其他国家金属开工率',
  magnet_cap_us_t: '美国新增磁体产能',
  magnet_cap_cn_t: '中国磁体产能',
  magnet_cap_allies_t: '盟国磁体产能',
  magnet_cap_row_t: '其他国家磁体产能',
  util_magnet_us_pct: '美国磁体开工率',
  util_magnet_cn_pct: '中国磁体开工率',
  util_magnet_allies_pct: '盟国磁体开工率',
  util_magnet_row_pct: '其他国家磁体开工率',
  oxide_per_magnet_t: '每吨磁体所需氧化物',
  processing_growth_cn_pct_per_yr: '2030年前中国加工产能增速',
  processing_growth_allies_pct_per_yr: '2030年前盟国加工产能增速',
  processing_growth_row_pct_per_yr: '2030年前其他国家加工产能增速',
  projects_realised_pct: '已宣布项目的实现比例',
  project_delay_yr: '已宣布项目的延期',
  deal_projects: '协议融资项目',
  ramp_years: '爬产时间',
  invest_separation_musd: '美国分离环节公共投资',
  invest_magnet_musd: '美国金属与磁体环节公共投资',
  invest_start_year: '投资决策年份',
  lead_time_yr: '建设周期',
  capex_separation_usd_per_tpa: '分离环节单位产能投资',
  capex_magnet_usd_per_tpa: '磁体环节单位产能投资',
  refining_cost_cn_usd_per_t: '中国氧化镨钕成本',
  refining_cost_us_usd_per_t: '美国氧化镨钕成本',
  learning_rate_pct: '学习率',
  price_floor_usd_per_kg: '价格下限',
  price_floor_start_year: '价格下限起始年份',
  price_floor_years: '价格下限期限',
  subsidise_cost_gap: '补贴成本差额',
  ban1_scope: '管制一：范围',
  ban1_start_year: '管制一：开始年份',
  ban1_duration_yr: '管制一：持续时间',
  ban1_severity_pct: '管制一：力度',
  ban1_target: '管制一：对象',
  ban2_scope: '管制二：范围',
  ban2_start_year: '管制二：开始年份',
  ban2_duration_yr: '管制二：持续时间',
  ban2_severity_pct: '管制二：力度',
  ban2_target: '管制二：对象',
  ally_priority: '盟国富余优先供应美国',
  us_ore_to_china: '美国精矿对华销售',
  stockpile_start_t: '战略储备初始量',
  stockpile_target_t: '储备目标',
  stockpile_refill_t_per_yr: '储备补充速度',
  recycling_rate_2024_pct: '2024年报废回收率',
  recycling_target_pct: '报废回收率目标',
  recycling_target_year: '回收目标年份',
  product_lifetime_yr: '产品寿命',
  secondary_supply_cn_t: '在中国加工的其他来源供应',
};

// Chinese names and one-sentence descriptions of the presets, keyed by preset id.
const I18N_ZH_PRESETS = {
  baseline: ['有据基准', 'USGS 2025年矿山产量、IEA基准情景产能与既定政策情景需求，2025年4月的出口管制清单继续生效，且只计入已建成或在建的美国工厂。'],
  as_reported: ['媒体报道数字', '采用新闻摘要自己的数字：中国精炼成本每吨35,000美元、美国每吨58,000美元，美国采矿占30万吨全球产量的15%，需求到2030年增至三倍；其中若干数字经不起核查。'],
  us_push: ['美国加速推进', '2025年7月美国国防部与苹果的协议全部落实：MP的10X工厂、重稀土分离线与沃斯堡扩建、Energy Fuels二期，以及为期十年的每公斤110美元价格下限。'],
  ban_escalation: ['出口管制升级', '2025年4月的重稀土清单继续有效，并且从2027年起中国对所有买家扣留74%的磁体出口，与2025年5月的情况相同。'],
  iea_steps: ['IEA既定政策情景需求', '需求遵循IEA既定政策情景（STEPS）：2030年12.28万吨，2040年14.96万吨。'],
  iea_aps: ['IEA已宣布承诺情景需求', '需求遵循IEA已宣布承诺情景（APS）：2030年13.16万吨，2040年16.27万吨。'],
  iea_nze: ['IEA净零排放情景需求', '需求遵循IEA净零排放情景（NZE）：2030年14.68万吨，2040年17.24万吨。'],
  recycling_breakthrough: ['回收突破', '报废回收率到2035年从1%升至25%，达到现有证据所支持范围的上限。'],
};

// Chinese labels of model output series, keyed by series id.
const I18N_ZH_SERIES = {
  demand_world_t: '全球需求',
  demand_us_t: '美国需求',
  demand_cn_t: '中国需求',
  demand_allies_t: '盟国需求',
  demand_row_t: '其他国家需求',
  shortfall_us_t: '美国缺口（未满足需求）',
  shortfall_world_t: '全球缺口',
  supply_us_t: '到达美国买家的供应',
  us_self_sufficiency_mining_pct: '美国自给率：采矿',
  us_self_sufficiency_separation_pct: '美国自给率：分离',
  us_self_sufficiency_metal_pct: '美国自给率：金属与合金',
  us_self_sufficiency_magnet_pct: '美国自给率：磁体',
  us_self_sufficiency_chain_pct: '美国自给率：全产业链',
  china_share_mining_pct: '中国占全球产量份额：采矿',
  china_share_separation_pct: '中国占全球产量份额：分离',
  china_share_metal_pct: '中国占全球产量份额：金属与合金',
  china_share_magnet_pct: '中国占全球产量份额：磁体',
  unit_cost_us_usd_per_t: '美国氧化镨钕单位成本',
  unit_cost_cn_usd_per_t: '中国氧化镨钕单位成本（市场价）',
  cost_premium_pct: '美国相对中国的成本溢价',
  public_cost_musd: '美国扶持的公共成本（补贴或价格下限）',
  public_cost_cumulative_musd: '公共成本累计',
  stockpile_t: '美国战略储备',
  stockpile_draw_t: '储备动用量',
  stockpile_months_of_cover: '储备可覆盖美国需求的月数',
  us_defence_coverage_pct: '由非中国供应或储备满足的美国国防需求',
  recycled_us_t: '美国回收供应',
  recycled_world_t: '全球回收供应',
};

// Chinese text of the catalogue's choice labels, keyed by their English text (they repeat
// across parameters, e.g. both export controls share one list).
const I18N_ZH_OPTIONS = {
  'not built (IEA base case)': '不建设（IEA基准情景）',
  'built as announced': '按宣布的计划建设',
  'no: price floor only': '否：仅价格下限',
  'yes: pay the cost gap outside the floor': '是：在价格下限之外补贴成本差额',
  off: '关闭',
  'heavy REE (Dy, Tb) in every form': '重稀土（镝、铽）的所有形态',
  'heavy REE in every form, plus all magnets': '重稀土的所有形态，外加所有磁体',
  'all magnet REE (NdPr, Dy, Tb) in every form': '所有磁体稀土（镨钕、镝、铽）的所有形态',
  'the US only': '仅针对美国',
  'every buyer outside China': '中国以外的所有买家',
  'no: shared in proportion to need': '否：按需求比例分配',
  'yes: the US is served first': '是：优先供应美国',
  allowed: '允许',
  'stopped from mid-2025': '自2025年年中起停止',
};

// Chinese units, keyed by the catalogue's unit text.
const I18N_ZH_UNITS = {
  '$ per t magnet/yr': '美元/(吨磁体/年)',
  '$ per t/yr': '美元/(吨/年)',
  '$/kg': '美元/公斤',
  '$/t': '美元/吨',
  '$M': '百万美元',
  '$M/yr': '百万美元/年',
  '% of REO': '%（占稀土氧化物）',
  '% of demand': '%（占需求）',
  '% of demand/yr': '%（占需求）/年',
  '% per doubling': '%/产量翻番',
  '% withheld': '%（扣留）',
  '%/yr': '%/年',
  t: '吨',
  't REO/yr': '吨稀土氧化物/年',
  't magnet/yr': '吨磁体/年',
  't/t': '吨/吨',
  't/yr': '吨/年',
  year: '年',
  yr: '年',
  months: '个月',
};

// Chinese event labels: project names stay as they are; generated labels are matched by pattern.
let i18nLang = 'en';
let i18nNumberCache = new Map();

export function setLang(lang) {
  i18nLang = LANGS.includes(lang) ? lang : 'en';
  i18nNumberCache = new Map();
}

export function getLang() {
  return i18nLang;
}

// The BCP 47 tag for the html lang attribute and for Intl.
export function locale() {
  return i18nLang === 'zh' ? 'zh-CN' : 'en-US';
}

// A UI string with `{name}` placeholders filled from vars.
export function t(key, vars) {
  const table = I18N_UI[i18nLang];
  let s = key in table ? table[key] : I18N_UI.en[key];
  if (s === undefined) return key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

export function paramLabel(p) {
  return (i18nLang === 'zh' && I18N_ZH_PARAMS[p.id]) || p.label;
}

export function presetName(p) {
  return (i18nLang === 'zh' && I18N_ZH_PRESETS[p.id] && I18N_ZH_PRESETS[p.id][0]) || p.name;
}

export function presetDescription(p) {
  return (i18nLang === 'zh' && I18N_ZH_PRESETS[p.id] && I18N_ZH_PRESETS[p.id][1]) || p.description;
}

export function seriesLabel(s) {
  return (i18nLang === 'zh' && I18N_ZH_SERIES[s.id]) || s.label;
}

export function unitText(unit) {
  if (!unit) return '';
  return (i18nLang === 'zh' && I18N_ZH_UNITS[unit]) || unit;
}

export function optionText(text) {
  return (i18nLang === 'zh' && I18N_ZH_OPTIONS[text]) || text;
}

// An event's label in the current language: translated from its stable code and value (the
// model's English label is the fallback, and plant names stay as they are).
export function eventLabel(e) {
  if (i18nLang === 'zh' && `e_${e.code}` in I18N_UI.zh) {
    return t(`e_${e.code}`, { value: e.value === null || e.value === undefined ? '' : fmtNumber(e.value) });
  }
  return e.label;
}

// A model warning in the current language, from its code, year and value; `horizon` is the
// projection's last year.
export function warningText(w, horizon) {
  if (i18nLang === 'zh' && `w_${w.code}` in I18N_UI.zh) {
    return t(`w_${w.code}`, {
      year: w.year === null || w.year === undefined ? '' : w.year,
      value: w.value === null || w.value === undefined ? '' : fmtNumber(w.value),
      horizon,
    });
  }
  return w.message;
}

function i18nFormatter(maxFrac, minFrac, compact) {
  const key = `${maxFrac}/${minFrac}/${compact ? 1 : 0}`;
  let f = i18nNumberCache.get(key);
  if (!f) {
    const opts = { maximumFractionDigits: maxFrac, minimumFractionDigits: minFrac };
    if (compact) opts.notation = 'compact';
    f = new Intl.NumberFormat(locale(), opts);
    i18nNumberCache.set(key, f);
  }
  return f;
}

// A plain number with at most maxFrac decimals (and exactly minFrac when given).
export function fmtNumber(value, maxFrac = 0, minFrac = 0) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const v = Object.is(value, -0) ? 0 : value;
  return i18nFormatter(maxFrac, Math.min(minFrac, maxFrac), false).format(v);
}

// Short axis labels: 5k, 10k in English; 5000, 1万 in Chinese.
export function fmtCompact(value) {
  if (!Number.isFinite(value)) return '–';
  return i18nFormatter(1, 0, true).format(value);
}

// A percentage: one decimal below 10, none above (4.6%, 14%).
export function fmtPct(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${fmtNumber(value, Math.abs(value) < 10 ? 1 : 0)}%`;
}

// Tonnes: "850 t", "9.3 kt" in English; "850 吨", "9,300 吨", "1.2 万吨" in Chinese.
export function fmtTonnes(value) {
  if (!Number.isFinite(value)) return '–';
  const a = Math.abs(value);
  if (i18nLang === 'zh') {
    if (a >= 1e4) return `${fmtNumber(value / 1e4, 2, 2)} 万吨`;
    return `${fmtNumber(value, a < 10 ? 1 : 0)} 吨`;
  }
  if (a >= 1e3) return `${fmtNumber(value / 1e3, a >= 1e5 ? 0 : 1, a >= 1e5 ? 0 : 1)} kt`;
  return `${fmtNumber(value, a < 10 ? 1 : 0)} t`;
}

// Millions of dollars: "$333 M", "$2.97 bn" in English; "3.33 亿美元" in Chinese.
export function fmtMusd(value) {
  if (!Number.isFinite(value)) return '–';
  const a = Math.abs(value);
  if (i18nLang === 'zh') {
    if (a >= 100) return `${fmtNumber(value / 100, 2)} 亿美元`;
    return `${fmtNumber(value, 1)} 百万美元`;
  }
  if (a >= 1e3) return `$${fmtNumber(value / 1e3, 2)} bn`;
  return `$${fmtNumber(value, a < 10 ? 1 : 0)} M`;
}

// The number of decimals a slider step implies (0.1 -> 1, 0.01 -> 2, 5 -> 0).
export function stepDecimals(step) {
  const s = String(step);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

// The decimals needed to show a parameter value: the step's, or more when a typed value has more.
function i18nDecimals(p, value) {
  const d = stepDecimals(p.step);
  for (let k = d; k < 7; k++) if (Number(Number(value).toFixed(k)) === value) return k;
  return 6;
}

// A parameter value with its unit, for aria-valuetext and tables ("5.1 %/yr", "90,900 t/yr").
export function fmtParam(p, value) {
  if (p.options && p.options.length) return optionText(p.options[value] ?? String(value));
  if (p.unit === 'year') return String(value);
  const n = fmtNumber(value, i18nDecimals(p, value));
  const u = unitText(p.unit);
  if (!u) return n;
  return u.startsWith('%') ? `${n}${u}` : `${n} ${u}`;
}

// A parameter value without its unit, for tables with a unit column.
export function fmtParamNumber(p, value) {
  if (p.options && p.options.length) return optionText(p.options[value] ?? String(value));
  if (p.unit === 'year') return String(value);
  return fmtNumber(value, i18nDecimals(p, value));
}

// The text of a number entry box: no grouping, so that it reads back as typed.
export function fmtEntry(p, value) {
  return Number(value).toFixed(i18nDecimals(p, value));
}

// Reads a typed number; "" and anything that is not a number give NaN (rejected by the model
// with its own message). Grouping commas and spaces are ignored; the decimal mark is "." in
// both languages, and the Chinese full-width forms are accepted too.
export function parseEntry(text) {
  const s = String(text)
    .replace(/[，,\s\u00a0\u202f]/g, '')
    .replace(/．/g, '.')
    .replace(/－/g, '-')
    .replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10));
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}
