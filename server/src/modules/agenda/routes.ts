import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  agendaPeopleSchema,
  agendaQuerySchema,
  agendaSchema,
  appointmentAnswerSchema,
  cancelAppointmentSchema,
  createAppointmentSchema,
  createHolidaySchema,
  createReservationSchema,
  holidayListSchema,
  holidayQuerySchema,
  holidaySchema,
  nextFreeQuerySchema,
  nextFreeSchema,
  personAppointmentsSchema,
  putWorkingHoursSchema,
  reminderSettingSchema,
  reservationAnswerSchema,
  sectorHoursSchema,
  updateAppointmentSchema,
  workingHoursListSchema,
} from '@caliu/common';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context';
import { errors, idParams } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as service from './service';

const tags = ['agenda'];
const sectorParams = z.object({ sectorId: z.uuid() });

/**
 * The agenda (issue 18, decision 0008): views, appointments, time reservations, working hours and
 * public holidays. Whose agenda a caller reaches is decided in the service from their teams
 * (DESIGN.md: for the agenda, "team" means the teams one belongs to).
 */
export const agendaRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/agenda',
    {
      config: { permission: 'agenda.view' },
      schema: {
        tags,
        summary:
          "A day, week or list of one professional's or a team's agenda, as the caller may see it",
        querystring: agendaQuerySchema,
        response: { 200: agendaSchema, ...errors },
      },
    },
    async (request) => service.agenda(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/agenda/people',
    {
      config: { permission: 'agenda.view' },
      schema: {
        tags,
        summary: 'Whose agenda the caller sees (in full or free/busy) and books for; their teams',
        response: { 200: agendaPeopleSchema, ...errors },
      },
    },
    async (request) => service.people(deps, contextOf(request)),
  );

  app.get(
    '/api/agenda/next-free',
    {
      config: { permission: 'agenda.view' },
      schema: {
        tags,
        summary: "A professional's next free slot of a length, within working hours",
        querystring: nextFreeQuerySchema,
        response: { 200: nextFreeSchema, ...errors },
      },
    },
    async (request) => service.nextFree(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/appointments',
    {
      config: { permission: 'agenda.book' },
      schema: {
        tags,
        summary:
          'Book an appointment (409 agenda.conflict or agenda.outside_hours unless confirmed)',
        body: createAppointmentSchema,
        response: { 201: appointmentAnswerSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createAppointment(deps, contextOf(request), request.body)),
  );

  app.get(
    '/api/appointments/:id',
    {
      config: { permission: 'agenda.view' },
      schema: {
        tags,
        summary: 'One appointment',
        params: idParams,
        response: { 200: appointmentAnswerSchema, ...errors },
      },
    },
    async (request) => service.getAppointment(deps, contextOf(request), request.params.id),
  );

  app.patch(
    '/api/appointments/:id',
    {
      config: { permission: 'agenda.book' },
      schema: {
        tags,
        summary: 'Move an appointment, change its place or notes, or record how it went',
        params: idParams,
        body: updateAppointmentSchema,
        response: { 200: appointmentAnswerSchema, ...errors },
      },
    },
    async (request) =>
      service.updateAppointment(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/appointments/:id/cancel',
    {
      config: { permission: 'agenda.book' },
      schema: {
        tags,
        summary: 'Cancel an appointment with a reason (the persons are told)',
        params: idParams,
        body: cancelAppointmentSchema,
        response: { 200: appointmentAnswerSchema, ...errors },
      },
    },
    async (request) =>
      service.cancelAppointment(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/persons/:id/appointments',
    {
      config: { permission: 'agenda.view' },
      schema: {
        tags,
        summary: "A person's appointments the caller sees, from a month ago on",
        params: idParams,
        response: { 200: personAppointmentsSchema, ...errors },
      },
    },
    async (request) => service.personAppointments(deps, contextOf(request), request.params.id),
  );

  app.put(
    '/api/persons/:id/reminders',
    {
      config: { permission: 'agenda.siad_reminders' },
      schema: {
        tags,
        summary:
          'Let reminders reach a person who has a SIAD case file (the SIAD circle only; off by default)',
        params: idParams,
        body: reminderSettingSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.setPersonReminders(
        deps,
        contextOf(request),
        request.params.id,
        request.body.allowReminders,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/time-reservations',
    {
      config: { permission: 'agenda.book' },
      schema: {
        tags,
        summary: "Block time in one's own agenda, or (a coordinator) in several colleagues'",
        body: createReservationSchema,
        response: { 201: reservationAnswerSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createReservation(deps, contextOf(request), request.body)),
  );

  app.delete(
    '/api/time-reservations/:id',
    {
      config: { permission: 'agenda.book' },
      schema: {
        tags,
        summary: 'Remove a time reservation',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteReservation(deps, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/working-hours',
    {
      config: { permission: 'agenda.view' },
      schema: {
        tags,
        summary: "The working hours of the sectors of the caller's teams",
        response: { 200: workingHoursListSchema, ...errors },
      },
    },
    async (request) => service.workingHours(deps, contextOf(request)),
  );

  app.put(
    '/api/working-hours/:sectorId',
    {
      config: { permission: 'agenda.working_hours' },
      schema: {
        tags,
        summary:
          "Set a sector's working hours for the week (a coordinator of a team of the sector)",
        params: sectorParams,
        body: putWorkingHoursSchema,
        response: { 200: sectorHoursSchema, ...errors },
      },
    },
    async (request) =>
      service.putWorkingHours(deps, contextOf(request), request.params.sectorId, request.body),
  );

  app.get(
    '/api/public-holidays',
    {
      config: { permission: 'profile.view' },
      schema: {
        tags,
        summary: "The entity's public holidays of a year",
        querystring: holidayQuerySchema,
        response: { 200: holidayListSchema, ...errors },
      },
    },
    async (request) => service.holidays(deps, contextOf(request), request.query.year),
  );

  app.post(
    '/api/public-holidays',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags,
        summary: 'Add a national, regional or local public holiday',
        body: createHolidaySchema,
        response: { 201: holidaySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createHoliday(deps, contextOf(request), request.body)),
  );

  app.delete(
    '/api/public-holidays/:id',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags,
        summary: 'Remove a public holiday',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteHoliday(deps, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
