export default definePageConfig({ navigationBarTitleText: '申请增加场所类别' });
