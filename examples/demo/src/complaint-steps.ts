import { type AftersaleStore, createComplaintDesk, type Money, suggestComplaintLabels } from '@aftersale/core';
import { assert, type Story } from './steps.js';

/** The complaint side of the story: recorded, labelled, acknowledged at once; later resolved and rated. */
export function complaintSteps(story: Story, store: AftersaleStore, shopId: string, now: () => Date) {
  const desk = createComplaintDesk({ store, now });
  return {
    async open(input: { customerId: string | null; orderId: string; language: 'tr' | 'en'; text: string }) {
      return story.step('The customer reports the damage: a complaint is recorded and acknowledged', async (step) => {
        const { record } = await desk.receive({
          shopId,
          customerId: input.customerId,
          channel: 'web_form',
          orderId: input.orderId,
          requestedRemedy: 'refund',
          language: input.language,
          text: input.text,
        });
        const suggestion = suggestComplaintLabels(input.text);
        const { state } = await desk.record(shopId, record.id, [
          { type: 'complaint-acknowledged', actor: 'automation:ack' },
          {
            type: 'category-set',
            actor: 'automation:suggester',
            data: {
              category: suggestion.category.value,
              intents: suggestion.intents.map((intent) => intent.value),
              urgency: suggestion.urgency.value,
              source: 'suggester',
              confidence: suggestion.category.confidence,
            },
          },
          { type: 'investigation-started', actor: 'agent:demo' },
        ]);
        step.show(`"${input.text}"`);
        step.show(
          `${record.id}: ${state.status}; suggested category ${suggestion.category.value} (confidence ${suggestion.category.confidence.toFixed(2)}), urgency ${suggestion.urgency.value}`,
        );
        assert(state.status === 'investigating', `expected the complaint under investigation, got ${state.status}`);
        return record.id;
      });
    },

    async resolve(complaintId: string, outcome: { returnCaseId: string; refundId: string; amount: Money }) {
      return story.step('The complaint is resolved with the refund, and the customer rates it', async (step) => {
        const { state } = await desk.record(shopId, complaintId, [
          {
            type: 'complaint-resolved',
            actor: 'agent:demo',
            data: {
              remedy: 'refund',
              returnCaseId: outcome.returnCaseId,
              refundId: outcome.refundId,
              amount: outcome.amount,
            },
          },
          { type: 'outcome-accepted', actor: 'customer' },
          { type: 'feedback-received', actor: 'customer', data: { csat: 5, nps: 9 } },
          { type: 'complaint-closed', actor: 'automation:close', data: { reason: 'resolved' } },
        ]);
        step.show(
          `${complaintId}: ${state.status}; CSAT 5/5, NPS 9; linked to ${outcome.returnCaseId} and ${outcome.refundId}`,
        );
        assert(state.status === 'closed', `expected the complaint closed, got ${state.status}`);
      });
    },
  };
}
