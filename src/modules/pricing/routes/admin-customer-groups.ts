import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer, currentActor } from '../../../platform/http/auth.ts';
import { publisherFor } from '../../../platform/host/platform.ts';
import { addGroupMembers } from '../use-cases/add-group-members.ts';
import { createCustomerGroup } from '../use-cases/create-customer-group.ts';
import { deleteCustomerGroup } from '../use-cases/delete-customer-group.ts';
import { getCustomerGroup } from '../use-cases/get-customer-group.ts';
import { listCustomerGroups } from '../use-cases/list-customer-groups.ts';
import { listGroupMembers } from '../use-cases/list-group-members.ts';
import { removeGroupMember } from '../use-cases/remove-group-member.ts';
import { updateCustomerGroup } from '../use-cases/update-customer-group.ts';
import {
  GroupBody,
  GroupOut,
  GroupPatch,
  IdParam,
  MemberOut,
  MemberParams,
  MembersBody,
  Page,
  pageOf,
  problems,
} from './schemas.ts';

const tags = ['admin: customer groups'];

/** Customer groups (owned by pricing) and their members: price lists can be limited to a group. */
export const adminCustomerGroupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { orm } = app.platform;
  const publish = publisherFor(app.platform, 'pricing');
  const by = (req: FastifyRequest) => ({ publish, actor: currentActor(req) });

  app.get(
    '/admin/customer-groups',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'List customer groups (newest first)',
        querystring: Page,
        response: { 200: pageOf(GroupOut), ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      const { limit, cursor } = req.query;
      return listCustomerGroups(orm.em.fork(), limit, cursor);
    },
  );

  app.post(
    '/admin/customer-groups',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Create a customer group',
        body: GroupBody,
        response: { 201: GroupOut, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createCustomerGroup(orm.em.fork(), by(req), req.body)),
  );

  app.get(
    '/admin/customer-groups/:id',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags,
        security: bearer,
        summary: 'One customer group',
        params: IdParam,
        response: { 200: GroupOut, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => getCustomerGroup(orm.em.fork(), req.params.id),
  );

  app.patch(
    '/admin/customer-groups/:id',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Rename or describe a customer group',
        params: IdParam,
        body: GroupPatch,
        response: { 200: GroupOut, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => updateCustomerGroup(orm.em.fork(), by(req), req.params.id, req.body),
  );

  app.delete(
    '/admin/customer-groups/:id',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Delete a customer group',
        params: IdParam,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
        description:
          'A group that price lists are limited to cannot be deleted (409): their prices would become public.',
      },
    },
    async (req, reply) => {
      await deleteCustomerGroup(orm.em.fork(), by(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/customer-groups/:id/customers',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags,
        security: bearer,
        summary: "A group's members",
        params: IdParam,
        querystring: Page,
        response: { 200: pageOf(MemberOut), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { limit, cursor } = req.query;
      return listGroupMembers(orm.em.fork(), req.params.id, limit, cursor);
    },
  );

  app.post(
    '/admin/customer-groups/:id/customers',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Add customers to a group (idempotent)',
        params: IdParam,
        body: MembersBody,
        response: { 200: Type.Object({ added: Type.Integer() }), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => addGroupMembers(orm.em.fork(), by(req), req.params.id, req.body.customerIds),
  );

  app.delete(
    '/admin/customer-groups/:id/customers/:customerId',
    {
      config: { permission: 'pricing:write' },
      schema: {
        tags,
        security: bearer,
        summary: 'Remove a customer from a group',
        params: MemberParams,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { id, customerId } = req.params;
      await removeGroupMember(orm.em.fork(), by(req), id, customerId);
      return reply.code(204).send(null);
    },
  );
};
