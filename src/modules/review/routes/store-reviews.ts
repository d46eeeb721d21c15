import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { publisherFor } from '../../../platform/host/platform.ts';
import { bearer, currentUser, requireCustomer } from '../../../platform/http/auth.ts';
import { rateLimited } from '../../../platform/http/rate-limit.ts';
import { listProductReviews } from '../use-cases/list-product-reviews.ts';
import { reportReview } from '../use-cases/report-review.ts';
import { submitReview } from '../use-cases/submit-review.ts';
import { voteHelpful } from '../use-cases/vote-helpful.ts';
import { IdParam, OwnReviewOut, problems, ReportBody, ReviewBody, ReviewListQuery, ReviewPage } from './schemas.ts';
import { ownReviewView, storeReviewView } from './views.ts';

const tags = ['store: reviews'];
const Vote = Type.Object({ helpfulCount: Type.Integer(), voted: Type.Boolean() });

/** Shoppers read published reviews; verified buyers write them, vote them helpful and report abuse. */
export const storeReviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { platform } = app;
  const publish = publisherFor(platform, 'review');
  const em = () => platform.orm.em.fork();

  app.get(
    '/store/products/:id/reviews',
    {
      schema: {
        tags,
        summary: "A product's published reviews and its rating",
        params: IdParam,
        querystring: ReviewListQuery,
        response: { 200: ReviewPage, ...problems(400) },
      },
    },
    async (req) => {
      const page = await listProductReviews(em(), req.params.id, req.query);
      return { ...page, items: page.items.map(storeReviewView) };
    },
  );

  app.post(
    '/store/products/:id/reviews',
    {
      preHandler: [requireCustomer, rateLimited(app, 'review')],
      schema: {
        tags,
        security: bearer,
        summary: 'Review a product you received (a second one replaces the first)',
        description:
          'Only for a customer with a delivered order of the product (403 otherwise). 201 for a new review, 200 for an edit; either waits for moderation before it is shown.',
        params: IdParam,
        body: ReviewBody,
        response: { 200: OwnReviewOut, 201: OwnReviewOut, ...problems(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const { review, created } = await submitReview(em(), publish, currentUser(req).sub, req.params.id, req.body);
      return reply.code(created ? 201 : 200).send(ownReviewView(review));
    },
  );

  for (const [method, helpful] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const)
    app.route({
      method,
      url: '/store/reviews/:id/helpful',
      preHandler: [requireCustomer, rateLimited(app, 'review-feedback')],
      schema: {
        tags,
        security: bearer,
        summary: helpful ? 'Mark a review helpful (once per account)' : 'Take back your helpful vote',
        params: IdParam,
        response: { 200: Vote, ...problems(400, 401, 403, 404, 429) },
      },
      handler: async (req) => voteHelpful(em(), req.params.id, currentUser(req).sub, helpful),
    });

  app.post(
    '/store/reviews/:id/reports',
    {
      preHandler: [requireCustomer, rateLimited(app, 'review-feedback')],
      schema: {
        tags,
        security: bearer,
        summary: 'Report a review as abusive (once per account; a repeat replaces the reason)',
        params: IdParam,
        body: ReportBody,
        response: { 202: Type.Object({ reported: Type.Boolean() }), ...problems(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      await reportReview(em(), req.params.id, currentUser(req).sub, req.body);
      return reply.code(202).send({ reported: true });
    },
  );
};
