export default definePageConfig({ navigationBarTitleText: '检测与接种机构' });
