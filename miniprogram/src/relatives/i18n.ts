import type { Relationship } from '@health-code/shared';
import { register, type Catalogue } from '../i18n';

/** The relatives subpackage's own text (R21-R27): registered when its pages load. */
export const relativesText = {
  'relatives.title': { zh: '亲属码', en: "Relatives' codes" },
  'relatives.count': { zh: '已添加 {n} 位亲属，每个账号最多 {max} 位', en: 'Relatives added: {n} (an account can add at most {max})' },
  'relatives.limitReached': { zh: '已达到 {max} 位的上限；如需添加，请先解除一位亲属的绑定', en: 'You have reached the limit of {max}; remove a relative before adding another' },
  'relatives.add': { zh: '添加亲属', en: 'Add a relative' },
  'relatives.empty': {
    zh: '还没有添加亲属。可以为 16 周岁及以下的孩子、60 周岁及以上的老人添加亲属码，由您代为出示和扫码。',
    en: 'No relatives yet. You can add codes for children aged 16 or under and people aged 60 or over, and show or scan them on their behalf.',
  },
  'relatives.loadFailed': { zh: '亲属列表加载失败', en: 'The list of relatives could not be loaded' },
  'relatives.showMine': { zh: '切换回本人健康码', en: 'Back to my own code' },
  'relatives.tapToShow': { zh: '点击切换到 TA 的健康码', en: 'Tap to show their code' },
  'relatives.age': { zh: '{age} 周岁', en: 'Age {age}' },
  'relatives.idNumber': { zh: '身份证号 {id}', en: 'ID {id}' },
  'relatives.vaccinated': { zh: '已完成疫苗接种', en: 'Vaccination complete' },
  'relatives.confirmed.face': { zh: '已通过人脸核验', en: 'Identity confirmed by a face check' },
  'relatives.confirmed.child-under-7': { zh: '7 周岁以下儿童，免人脸核验', en: 'Child under 7: no face check needed' },
  'relatives.offlineCode': { zh: '保存离线码', en: 'Save offline code' },
  'relatives.offlinePdf': { zh: '下载打印版（PDF）', en: 'Download to print (PDF)' },
  'relatives.offlineHint': {
    zh: '离线码是一张图片，有效期 7 天，可打印后给不用手机的亲属随身携带',
    en: 'The offline code is a picture valid for 7 days: print it for a relative who does not use a phone',
  },
  'relatives.offlineSaved': { zh: '离线码已保存到相册', en: 'Offline code saved to the album' },
  'relatives.offlineDownloaded': { zh: '离线码已下载', en: 'Offline code downloaded' },
  'relatives.offlineFailed': { zh: '离线码下载失败，请检查网络后重试', en: 'The offline code could not be downloaded; check the network and try again' },
  'relatives.albumDenied': {
    zh: '未能保存到相册：请在设置中允许本小程序保存图片后重试',
    en: 'Could not save to the album: allow this mini program to save pictures in the settings, then try again',
  },
  'relatives.records': { zh: '扫码、核酸与疫苗记录', en: 'Scans, tests and vaccinations' },
  'relatives.unbind': { zh: '解除绑定', en: 'Remove' },
  'relatives.unbindTitle': { zh: '解除与 {name} 的绑定？', en: 'Remove {name}?' },
  'relatives.unbindContent': {
    zh: '解除后您将不能再查看和出示 TA 的健康码；如需再次添加，须重新核验身份。',
    en: 'You will no longer see or show their code; adding them again needs their identity confirmed again.',
  },
  'relatives.unbound': { zh: '已解除绑定', en: 'Removed' },
  'relatives.unbindableFrom': { zh: '绑定满 24 小时后才能解除：{time} 起可解除', en: 'A binding can be removed 24 hours after it was made: from {time}' },
  'relatives.unbindFailed': { zh: '解除失败', en: 'Could not remove' },
  'relatives.rel.child': { zh: '子女', en: 'Child' },
  'relatives.rel.grandchild': { zh: '孙子女 / 外孙子女', en: 'Grandchild' },
  'relatives.rel.parent': { zh: '父母', en: 'Parent' },
  'relatives.rel.grandparent': { zh: '祖父母 / 外祖父母', en: 'Grandparent' },
  'relatives.rel.spouse': { zh: '配偶', en: 'Spouse' },
  'relatives.rel.sibling': { zh: '兄弟姐妹', en: 'Brother or sister' },
  'relatives.rel.other': { zh: '其他亲属', en: 'Other relative' },

  'relatives.bindTitle': { zh: '添加亲属', en: 'Add a relative' },
  'relatives.bindIntro': {
    zh: '可添加 16 周岁及以下的孩子或 60 周岁及以上的老人。7 周岁及以上的亲属，需要本人在场，用您的手机完成人脸核验。',
    en: 'You can add a child aged 16 or under or a person aged 60 or over. From age 7 the relative must be with you and pass a face check on your phone.',
  },
  'relatives.name': { zh: '亲属姓名', en: "Relative's name" },
  'relatives.namePlaceholder': { zh: '与身份证上的姓名一致', en: 'As on the ID card' },
  'relatives.nameRequired': { zh: '请填写亲属的姓名', en: "Enter the relative's name" },
  'relatives.idNumberLabel': { zh: '亲属身份证号', en: "Relative's ID number" },
  'relatives.idPlaceholder': { zh: '18 位，最后一位可以是 X', en: '18 characters; the last may be X' },
  'relatives.relationship': { zh: '与您的关系（选填）', en: 'Relationship to you (optional)' },
  'relatives.relationshipNone': { zh: '请选择', en: 'Choose' },
  'relatives.ageIs': { zh: '年龄：{age} 周岁', en: 'Age: {age}' },
  'relatives.faceNeeded': {
    zh: '需要人脸核验：请让亲属本人在场，面对您的手机完成核验',
    en: 'A face check is needed: the relative must be with you and face your phone',
  },
  'relatives.faceNotNeeded': { zh: '7 周岁以下儿童无需人脸核验', en: 'A child under 7 needs no face check' },
  'relatives.submit': { zh: '添加', en: 'Add' },
  'relatives.submitWithFace': { zh: '人脸核验并添加', en: 'Face check and add' },
  'relatives.faceCancelled': { zh: '人脸核验已取消，亲属尚未添加', en: 'The face check was cancelled; the relative has not been added' },
  'relatives.faceIncomplete': {
    zh: '人脸核验没有完成（{detail}），请确认已允许使用摄像头后重试',
    en: 'The face check did not finish ({detail}); make sure the camera is allowed and try again',
  },
  'relatives.added': { zh: '已添加', en: 'Added' },
} satisfies Catalogue;

register(relativesText);

/** The labels the picker offers, in the order of shared's relationshipField (kept type-only: no zod here). */
export const RELATIONSHIPS: readonly Relationship[] = ['child', 'grandchild', 'parent', 'grandparent', 'spouse', 'sibling', 'other'];
