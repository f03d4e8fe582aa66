// Run by threaded-sender.test.ts: sends one message through the threaded sender, then returns.
import { createThreadedTwilioSender } from '../../../channels/sms/threaded-sender.js';
import { testTwilioConfig } from '../../helpers/twilio-webhook.js';

const sender = createThreadedTwilioSender(testTwilioConfig(process.argv[2] ?? ''));
const sid = await sender.send({ to: '+12155550178', body: 'one message', mediaUrls: [] });
console.log(`sent ${sid}`);
