import fp from 'fastify-plugin';

import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

import { createSmtpMailer } from '../delivery/mailer';
import { flushCandidateAggregations } from '../jobs/aggregation-flush.job';
import { sendDueDigests } from '../jobs/digest.job';
import { createPeriodicJob } from '../jobs/periodic-job';
import { sendPendingReminders } from '../jobs/reminder.job';

import type { NotificationConfig } from '../config';
import type { PeriodicJob } from '../jobs/periodic-job';

const DAY_MS = 86_400_000;

/** Builds the aggregation flush, reminder and digest jobs from the configuration. */
function buildJobs(app: FastifyInstance, config: NotificationConfig, log: Logger): PeriodicJob[] {
  const jobs = [
    createPeriodicJob({
      name: 'candidate-aggregation-flush',
      intervalMs: config.jobIntervalMs,
      log,
      task: async () => {
        await flushCandidateAggregations(app.pg, config.aggregationWindowMs, log);
      },
    }),
    createPeriodicJob({
      name: 'pending-reminders',
      intervalMs: config.scheduleIntervalMs,
      log,
      task: async () => {
        const settings = {
          pendingAgeMs: config.reminderAfterDays * DAY_MS,
          intervalMs: config.reminderIntervalDays * DAY_MS,
        };
        await sendPendingReminders(app.pg, settings, log);
      },
    }),
  ];
  if (!config.smtpUrl) {
    log.warn('ATLAS_SMTP_URL is not set, so no digest e-mails are sent');
    return jobs;
  }
  const mailer = createSmtpMailer(config.smtpUrl, config.mailFrom);
  app.addHook('onClose', async () => mailer.close());
  const digests = createPeriodicJob({
    name: 'digests',
    intervalMs: config.scheduleIntervalMs,
    log,
    task: async () => {
      await sendDueDigests(app.pg, mailer, log);
    },
  });
  return [...jobs, digests];
}

/** Runs the service's scheduled jobs from the moment the server is ready until it closes. */
async function jobs(app: FastifyInstance, options: { config: NotificationConfig }): Promise<void> {
  const log = app.log.child({ component: 'jobs' }) as unknown as Logger;
  const scheduled = buildJobs(app, options.config, log);
  app.addHook('onReady', async () => scheduled.forEach((job) => job.start()));
  app.addHook('onClose', async () => {
    await Promise.all(scheduled.map((job) => job.stop()));
  });
}

/** Fastify plugin of the notification jobs. */
export const jobsPlugin = fp(jobs, { name: 'notification-jobs', dependencies: ['atlas-postgres'] });
