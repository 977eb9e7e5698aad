export default definePageConfig({ navigationBarTitleText: '场所类别' });
