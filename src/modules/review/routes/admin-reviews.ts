import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { publisherFor } from '../../../platform/host/platform.ts';
import { bearer } from '../../../platform/http/auth.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { exportReviews } from '../use-cases/export-reviews.ts';
import { getReview, listReviews } from '../use-cases/list-reviews.ts';
import { moderateReview } from '../use-cases/moderate-review.ts';
import { replyToReview } from '../use-cases/reply-to-review.ts';
import {
  IdParam,
  problems,
  RejectBody,
  ReplyBody,
  StaffReviewOut,
  StaffReviewPage,
  StaffReviewQuery,
} from './schemas.ts';
import { staffReviewView } from './views.ts';

const tags = ['admin: reviews'];
const config = { permission: 'reviews:moderate' } as const;

/** Moderation: staff list reviews, publish or reject them, reply under them and export them. */
export const adminReviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const publish = publisherFor(platform, 'review');
  const em = () => platform.orm.em.fork();

  app.get(
    '/admin/reviews',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Reviews, newest first (the moderation queue: ?status=pending)',
        querystring: StaffReviewQuery,
        response: { 200: StaffReviewPage, ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const page = await listReviews(em(), req.query);
      return { items: page.items.map(staffReviewView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/admin/reviews/export.csv',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Reviews as CSV (same filters as the list, every page)',
        querystring: StaffReviewQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="reviews.csv"');
      return reply.send(Readable.from(exportReviews(em(), req.query)));
    },
  );

  app.get(
    '/admin/reviews/:id',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'One review',
        params: IdParam,
        response: { 200: StaffReviewOut, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const r = await getReview(em(), req.params.id);
      if (!r) throw new NotFound('Review');
      return staffReviewView(r);
    },
  );

  app.post(
    '/admin/reviews/:id/publish',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Publish a pending or rejected review',
        description: "Recounts the product's rating and publishes review.rating_changed.v1. 409 if already published.",
        params: IdParam,
        response: { 200: StaffReviewOut, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => staffReviewView(await moderateReview(em(), publish, req.params.id, 'publish')),
  );

  app.post(
    '/admin/reviews/:id/reject',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: 'Reject a pending review, or withdraw a published one, with a reason the customer sees',
        params: IdParam,
        body: RejectBody,
        response: { 200: StaffReviewOut, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => staffReviewView(await moderateReview(em(), publish, req.params.id, 'reject', req.body.reason)),
  );

  app.put(
    '/admin/reviews/:id/reply',
    {
      config,
      schema: {
        tags,
        security: bearer,
        summary: "The shop's public reply under a review (null removes it)",
        params: IdParam,
        body: ReplyBody,
        response: { 200: StaffReviewOut, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => staffReviewView(await replyToReview(em(), req.params.id, req.body.text)),
  );
};
