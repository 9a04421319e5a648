// A cloud function as it is deployed: it makes a code for a product and returns the image.
const cloud = require('wx-server-sdk');

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

exports.main = async (event) => {
  try {
    const result = await cloud.openapi.wxacode.getUnlimited({
      scene: `id=${event.productId}`,
      page: 'pages/detail/detail',
      checkPath: true,
      envVersion: 'release',
      width: 430,
    });
    return result;
  } catch (err) {
    return err;
  }
};
