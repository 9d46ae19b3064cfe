// The maintenance window form (`c` new, `E` edit): name, schedule with its time zone, duration and cutoff, whether
// tasks may target unregistered instances. The next three openings are shown in local time as the schedule is typed,
// or SSM's reason to refuse it. enter checks the whole window as SSM would, asks, saves (audited) and opens it.
import {WINDOW_READ_ONLY, windowRequest, type WindowForm} from '../../fleet/windows/window-form.js';
import {previewWindowSchedule} from '../../fleet/windows/window.js';
import {localTime} from '../../fleet/associations/schedule-preview.js';
import {errorText, sanitizeText} from '../../fleet/sanitize.js';
import {tone} from '../../components/style.js';
import {appendAudit} from '../../audit.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import {definePaneView, type ActionContext} from '../view.js';
import {formOf, setForm} from './form-open.js';
import {loadWindow, openWindow} from './open.js';
import {promptFields} from '../prompt-fields.js';

type Field = 'name' | 'schedule' | 'timeZone' | 'duration' | 'cutoff';
const {live, edit} = promptFields<WindowForm, Field>(formOf, setForm);

function previewLine(store: AppStore, f: WindowForm): string {
  const now = store.getState().now;
  const tz = f.timeZone.trim();
  const p = previewWindowSchedule({schedule: f.schedule.trim(), ...(tz ? {timeZone: tz} : {}),
    durationHours: Number(f.duration) || 1, cutoffHours: Number(f.cutoff) || 0}, now, 3);
  if (!p.ok) return tone(`                 ✗ ${sanitizeText(p.error)}`, 'bad');
  if (p.runs.length === 0) return tone('                 no run ahead', 'warn');
  return tone(`                 next: ${p.runs.map((r) => localTime(r, now)).join(' · ')} (local time)`, 'muted');
}

export function formLines(store: AppStore, saved: WindowForm): string[] {
  const f = live(store, saved);
  const row = (key: string, label: string, value: string) => `  ${tone(key, 'accent')} ${label.padEnd(13)} ${value}`;
  const check = windowRequest(f, store.getState().now);
  return [
    `  ${f.windowId ? `Edit the maintenance window ${sanitizeText(f.windowId)}` : 'Create a maintenance window'}`,
    '',
    row('n', 'Name', f.name ? sanitizeText(f.name) : tone('(none)', 'muted')),
    row('s', 'Schedule', sanitizeText(f.schedule)),
    row('z', 'Time zone', f.timeZone.trim() ? sanitizeText(f.timeZone) : tone('UTC', 'muted')),
    previewLine(store, f),
    row('d', 'Duration', `${sanitizeText(f.duration)}h`),
    row('c', 'Cutoff', `${sanitizeText(f.cutoff)}h ${tone('(no task starts this close to the end)', 'muted')}`),
    row('u', 'Unassociated', f.allowUnassociatedTargets ? 'allowed: tasks may name unregistered instances' : 'no: tasks run on registered targets only'),
    '',
    check.ok ? tone(`  enter ${f.windowId ? 'saves' : 'creates'} it (asks first)`, 'good') : tone(`  ✗ ${sanitizeText(check.error)}`, 'bad'),
  ];
}

function save(ctx: ActionContext): void {
  const s = ctx.store.getState();
  const f = formOf(ctx.store);
  const api = ctx.services.windows;
  if (ctx.readOnly) return s.setFlash({text: f?.windowId ? WINDOW_READ_ONLY.update : WINDOW_READ_ONLY.create, tone: 'warn'});
  if (!f || !api) return;
  const check = windowRequest(f, s.now);
  if (!check.ok) return s.setFlash({text: sanitizeText(check.error), tone: 'warn'});
  const w = check.window;
  const id = f.windowId;
  s.setPrompt({kind: 'confirm', text: '', before: '', question: `${id ? 'Save' : 'Create'} the maintenance window ${sanitizeText(w.name)}, ${
    sanitizeText(w.schedule)}${w.timeZone ? ` ${sanitizeText(w.timeZone)}` : ' UTC'}, ${w.durationHours}h?`, onYes: () => {
    const done = (windowId: string) => {
      appendAudit({action: id ? 'UpdateMaintenanceWindow' : 'CreateMaintenanceWindow', identity: ctx.services.identity ?? 'unknown', windowId,
        name: w.name, schedule: w.schedule, timeZone: w.timeZone, durationHours: w.durationHours, cutoffHours: w.cutoffHours, via: 'dashboard'});
      const st = ctx.store.getState();
      st.pop();
      st.setFlash({text: `${id ? 'saved' : 'created'} ${sanitizeText(w.name)}`, tone: 'info'});
      if (id && currentScreen(st).view === 'window') loadWindow(ctx, id);
      else openWindow(ctx, windowId);
    };
    const sent = id ? api.update(id, {...w, ...(w.timeZone ? {} : {timeZone: 'UTC'})}).then(() => id) : api.create(w);
    sent.then(done, (e: unknown) => ctx.store.getState().setFlash({text: `${id ? 'save' : 'create'} failed: ${errorText(e)}`, tone: 'error'}));
  }});
}

export const windowFormView = definePaneView({
  id: 'window-form',
  title: 'Maintenance window',
  aliases: [],
  scopes: ['windowForm'],
  lines: (store) => {
    const f = formOf(store);
    return f ? formLines(store, f) : ['no form open'];
  },
  actions: {
    'windowForm.name': (ctx) => edit(ctx, 'name', 'name: 3 to 128 letters, digits, _ - .'),
    'windowForm.schedule': (ctx) => edit(ctx, 'schedule', 'schedule: cron(0 2 ? * SUN *), rate(1 day) or at(2026-12-24T02:00:00)'),
    'windowForm.timeZone': (ctx) => edit(ctx, 'timeZone', 'time zone: an IANA name such as Europe/Paris or America/New_York; empty = UTC'),
    'windowForm.duration': (ctx) => edit(ctx, 'duration', 'duration: hours the window stays open, 1 to 24'),
    'windowForm.cutoff': (ctx) => edit(ctx, 'cutoff', 'cutoff: hours before the end when no new task starts (0 to duration - 1)'),
    'windowForm.unassociated': (ctx) => {
      const f = formOf(ctx.store);
      if (f) setForm(ctx.store, {...f, allowUnassociatedTargets: !f.allowUnassociatedTargets});
    },
    'windowForm.save': (ctx) => save(ctx),
  },
});
