export default definePageConfig({ navigationBarTitleText: '颜色申诉' });
