import { register, type Catalogue } from '../../i18n';

/** The dashboard's text (issue 6): registered when the page loads, so the main package does not carry it. */
export const dashboardText = {
  'dash.title': { zh: '数据看板', en: 'Dashboard' },
  'dash.updatedAt': { zh: '数据时间：{time}', en: 'Figures as of {time}' },
  'dash.refresh': { zh: '刷新', en: 'Refresh' },
  'dash.refreshing': { zh: '正在刷新…', en: 'Refreshing…' },
  'dash.showTable': { zh: '查看数据表', en: 'Show the figures' },
  'dash.hideTable': { zh: '收起数据表', en: 'Hide the figures' },
  'dash.legend': { zh: '图例', en: 'Legend' },
  'dash.total': { zh: '合计', en: 'Total' },
  'dash.noSnapshot': { zh: '无快照', en: 'no snapshot' },

  'dash.scans.title': { zh: '扫码量（近 48 小时，每小时）', en: 'Venue scans per hour, last 48 hours' },
  'dash.scans.series': { zh: '扫码次数', en: 'Scans' },
  'dash.scans.hour': { zh: '时段', en: 'Hour' },
  'dash.scans.summary': {
    zh: '近 48 小时共 {total} 次扫码；最多的一小时是 {peakAt}，{peak} 次。',
    en: '{total} scans in the last 48 hours; the busiest hour was {peakAt}, with {peak}.',
  },
  'dash.scans.empty': { zh: '近 48 小时没有扫码记录', en: 'No venue scans in the last 48 hours' },

  'dash.colour.green': { zh: '绿码', en: 'Green' },
  'dash.colour.yellow': { zh: '黄码', en: 'Yellow' },
  'dash.colour.red': { zh: '红码', en: 'Red' },
  'dash.today.title': { zh: '今日健康码颜色分布', en: 'Code colours today' },
  'dash.today.colour': { zh: '颜色', en: 'Colour' },
  'dash.today.people': { zh: '人数', en: 'People' },
  'dash.today.summary': {
    zh: '{day} 共 {total} 人：绿码 {green} 人，黄码 {yellow} 人，红码 {red} 人。',
    en: '{day}: {total} people, {green} green, {yellow} yellow, {red} red.',
  },
  'dash.today.computedAt': { zh: '统计于 {time}（健康码颜色按规则实时计算，这里是当天的统计快照）', en: 'Counted at {time} (colours are computed as needed; this is the day’s snapshot)' },
  'dash.today.empty': { zh: '今天还没有统计快照。系统会定时统计，也可以点下面的按钮现在统计。', en: 'No snapshot has been taken today yet. One is taken on a schedule, or take it now below.' },
  'dash.today.nobody': { zh: '还没有登记的居民', en: 'No residents registered yet' },
  'dash.recompute': { zh: '现在统计今日颜色', en: 'Count today’s colours now' },
  'dash.recomputing': { zh: '正在统计所有居民的颜色…', en: 'Counting every resident’s colour…' },
  'dash.recomputed': { zh: '已更新今日统计', en: 'Today’s counts updated' },

  'dash.trend.title': { zh: '近 14 天健康码颜色趋势', en: 'Code colours over 14 days' },
  'dash.trend.day': { zh: '日期', en: 'Day' },
  'dash.trend.summary': { zh: '近 14 天有 {days} 天的统计快照。', en: 'Snapshots for {days} of the last 14 days.' },
  'dash.trend.empty': { zh: '近 14 天没有统计快照', en: 'No snapshots in the last 14 days' },

  'dash.venues.title': { zh: '场所码申请状态', en: 'Venue code applications by state' },
  'dash.venues.state': { zh: '状态', en: 'State' },
  'dash.venues.series': { zh: '申请数', en: 'Applications' },
  'dash.venues.summary': { zh: '共 {total} 份申请，其中待审核 {pending} 份。', en: '{total} applications, {pending} under review.' },
  'dash.venues.empty': { zh: '还没有场所码申请', en: 'No venue code applications yet' },

  'dash.cases.title': { zh: '各病例的密接人数（近 30 天）', en: 'Contacts found per case, last 30 days' },
  'dash.cases.case': { zh: '病例', en: 'Case' },
  'dash.cases.series': { zh: '密接人数', en: 'Contacts' },
  'dash.cases.confirmedOn': { zh: '确诊日期', en: 'Confirmed' },
  'dash.cases.status': { zh: '状态', en: 'Status' },
  'dash.cases.open': { zh: '未结案', en: 'Open' },
  'dash.cases.closed': { zh: '已结案', en: 'Closed' },
  'dash.cases.summary': { zh: '{cases} 个病例共找到 {contacts} 名密接者。', en: '{cases} cases, {contacts} contacts found.' },
  'dash.cases.empty': { zh: '近 30 天没有确诊病例', en: 'No confirmed cases in the last 30 days' },
  'dash.cases.note': { zh: '病例以编号表示，不含个人信息；详情请到“病例与流调”查看。', en: 'Cases are shown by a label with no personal data; open “Cases and tracing” for details.' },
} satisfies Catalogue;

register(dashboardText);
