// The embedded S3 server: s3rver (filesystem-backed) on 127.0.0.1, keeping every bucket, object
// and its metadata under --directory, so a restart loses nothing it acknowledged (ADR 018).
//
//   node devstack/s3rver/server.js --port 9000 --directory .data/s3
//
// s3rver only knows its hard-coded key pair; the platform's configured one (SALES_S3_ACCESS_KEY
// / SALES_S3_SECRET_KEY, the same the services sign with) is registered beside it.
'use strict';

const S3rver = require('s3rver');
const AWSAccount = require('s3rver/lib/models/account');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const accessKey = process.env.SALES_S3_ACCESS_KEY || 'sales-dev';
const secretKey = process.env.SALES_S3_SECRET_KEY || 'sales-dev-secret';
AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKey, secretKey);

const server = new S3rver({
  address: arg('address', '127.0.0.1'),
  port: Number(arg('port', '9000')),
  directory: arg('directory', '.data/s3'),
  silent: true,
  vhostBuckets: false,
});

server.run().then(
  ({ address, port }) => console.log(`s3rver listening on ${address}:${port}`),
  (err) => {
    console.error(`s3rver could not start: ${err.message}`);
    process.exit(1);
  },
);

function stop() {
  server.close().then(() => process.exit(0), () => process.exit(1));
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
