import { register, type Catalogue } from '../i18n';

/** The checkpoint subpackage's own text (R8): registered when its page loads. */
export const checkpointText = {
  'cp.title': { zh: '核验健康码', en: 'Verify health codes' },
  'cp.intro': { zh: '请对方打开健康码并点开二维码，对准扫描。', en: "Ask the holder to open the health code and show the QR, then scan it." },
  'cp.scan': { zh: '扫码核验', en: 'Scan a code' },
  'cp.offlineOnly': { zh: '离线核验（不联网）', en: 'Verify offline (no network)' },
  'cp.offlineOnlyHint': { zh: '用本机保存的验证密钥核验，无法查询当前颜色和姓名', en: "Uses the keys kept on this phone: the current colour and the holder's name cannot be checked" },
  'cp.keys': { zh: '离线验证密钥更新于 {time}', en: 'Offline keys fetched at {time}' },
  'cp.keysNone': { zh: '本机还没有离线验证密钥：请联网后打开本页面下载', en: 'No offline keys on this phone yet: open this page once online to download them' },
  'cp.keysRefresh': { zh: '更新密钥', en: 'Update keys' },
  'cp.keysUpdated': { zh: '密钥已更新', en: 'Keys updated' },
  'cp.keysNotUpdated': { zh: '网络不可用，密钥未更新', en: 'No network: keys not updated' },
  'cp.noKeys': {
    zh: '无法联网核验，本机也没有离线验证密钥。请联网后打开核验页面下载密钥。',
    en: 'The code cannot be verified online, and this phone has no offline keys. Open this page once online to download them.',
  },
  'cp.notStaff': {
    zh: '核验模式仅供查验人员和卫健工作人员使用。工作人员请在“设置”中输入同事发给您的邀请码。',
    en: 'Checkpoint mode is for checkpoint and health staff. Staff: enter the invitation code a colleague gave you under Settings.',
  },
  'cp.toSettings': { zh: '去设置', en: 'Settings' },
  'cp.verifying': { zh: '正在核验…', en: 'Verifying…' },
  'cp.passed': { zh: '核验通过', en: 'Verified' },
  'cp.refused': { zh: '核验不通过', en: 'Refused' },
  'cp.failed': { zh: '无法核验', en: 'Could not verify' },
  'cp.reason': { zh: '原因：{message}', en: 'Reason: {message}' },
  'cp.mode.online': { zh: '联网核验：以当前颜色为准', en: 'Verified online: the current colour counts' },
  'cp.mode.onlineRefused': { zh: '联网核验', en: 'Checked online' },
  'cp.mode.offline': { zh: '离线核验（密钥更新于 {time}）', en: 'Verified offline (keys fetched at {time})' },
  'cp.mode.offlineRefused': { zh: '离线核验（密钥更新于 {time}）', en: 'Checked offline (keys fetched at {time})' },
  'cp.why.network': { zh: '网络不可用，已改用离线核验', en: 'No network: checked offline' },
  'cp.why.busy': { zh: '服务未能答复（{message}），已改用离线核验', en: 'The service did not answer ({message}): checked offline' },
  'cp.why.chosen': { zh: '按您的选择离线核验', en: 'Checked offline, as you chose' },
  'cp.noName': {
    zh: '离线核验不显示姓名和身份证号（健康码中不含个人信息），请核对本人证件',
    en: "An offline check cannot show the name or ID number (the code carries none): check the holder's ID card",
  },
  'cp.notCurrent': {
    zh: '显示的是健康码签发时的颜色；联网核验才能查到当前颜色',
    en: 'This is the colour when the code was issued; only an online check sees the current colour',
  },
  'cp.name': { zh: '姓名', en: 'Name' },
  'cp.idNumber': { zh: '身份证号', en: 'ID number' },
  'cp.shownAt': { zh: '出示时间', en: 'Shown at' },
  'cp.validUntil': { zh: '有效至', en: 'Valid until' },
  'cp.withinValidity': { zh: '在有效期内', en: 'Within its validity' },
  'cp.kind.live': { zh: '实时健康码', en: 'Live code' },
  'cp.kind.printed': { zh: '离线健康码（打印或相册保存）', en: 'Offline code (printed or saved)' },
  'cp.vaccinated': { zh: '已完成疫苗接种', en: 'Vaccination complete' },
  'cp.notVaccinated': { zh: '无疫苗接种标识', en: 'No vaccination badge' },
  'cp.colourChanged': {
    zh: '颜色已变化：码上为{codeColour}，当前为{colour}，以当前颜色为准',
    en: 'The colour has changed: the code shows {codeColour}, it is now {colour}; the current colour counts',
  },
  'cp.colourCurrent': { zh: '码上颜色与当前颜色一致', en: 'The code shows the current colour' },
  'cp.next': { zh: '扫下一个', en: 'Scan next' },
  'cp.verifyOffline': { zh: '改用离线核验', en: 'Verify offline instead' },
  'cp.retryOnline': { zh: '重新联网核验', en: 'Try online again' },
} satisfies Catalogue;

register(checkpointText);
