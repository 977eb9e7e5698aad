export default definePageConfig({ navigationBarTitleText: '场所码详情' });
