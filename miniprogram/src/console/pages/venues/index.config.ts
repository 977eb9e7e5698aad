export default definePageConfig({ navigationBarTitleText: '场所码审核' });
