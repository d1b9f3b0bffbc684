// Tests only: the AWS SDK v3 warns once per process that its releases after January 2027 need
// Node.js 22 (this machine runs Node 20). The library's users still see it; the tests do not.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
