export default definePageConfig({ navigationBarTitleText: '病例与流调' });
