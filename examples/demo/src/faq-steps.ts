import { createKnowledgeBase } from '@aftersale/knowledge';
import { assert, type Story } from './steps.js';

const reviewed = '2026-11-01T09:00:00Z';

/** The shop's FAQ, a few articles in each language, linked to sections of the rendered policy page. */
function shopFaq(shopId: string) {
  const base = { shopId, author: 'merchant:1', lastReviewedAt: reviewed };
  return createKnowledgeBase({
    shopId,
    now: () => new Date('2026-11-20T09:00:00Z'),
    articles: [
      {
        ...base,
        id: 'kb_tr-damaged',
        language: 'tr',
        question: 'Ürün hasarlı veya kırık geldi, ne yapmalıyım?',
        shortAnswer: 'Hasarlı gelen ürünün fotoğrafını gönderin; ücretsiz iade veya para iadesi yapıyoruz.',
        answer: 'Kargodan hasarlı çıkan ürünler için iade kargo ücreti alınmaz. Fotoğraf ekleyip talep oluşturun.',
        categories: ['İade ve değişim'],
        tags: ['hasarlı ürün', 'kırık'],
        policyLinks: [{ anchor: 'faulty-goods', label: 'Ayıplı mal' }],
      },
      {
        ...base,
        id: 'kb_tr-tracking',
        language: 'tr',
        question: 'Kargom nerede, siparişimi nasıl takip ederim?',
        shortAnswer: 'Kargoya verildiğinde gönderdiğimiz takip numarasıyla izleyebilirsiniz.',
        answer: 'Takip numarası SMS ve e-posta ile gönderilir.',
        categories: ['Kargo ve teslimat'],
        tags: ['kargo takibi'],
      },
      {
        ...base,
        id: 'kb_en-damaged',
        language: 'en',
        question: 'My item arrived damaged or broken. What should I do?',
        shortAnswer: 'Send us a photo of the damage: we refund or replace it, and you pay no return postage.',
        answer: 'Items damaged in transit are returned free of charge. Add a photo when you ask for the return.',
        categories: ['Returns and exchanges'],
        tags: ['damaged item', 'broken'],
        policyLinks: [{ anchor: 'faulty-goods', label: 'Faulty goods' }],
      },
      {
        ...base,
        id: 'kb_en-window',
        language: 'en',
        question: 'How long do I have to return an item?',
        shortAnswer: 'Thirty days from delivery, and at least your statutory rights.',
        answer: 'The return window starts on the day you receive the item.',
        categories: ['Returns and exchanges'],
        tags: ['return window'],
        policyLinks: [{ anchor: 'return-window', label: 'Return window' }],
      },
    ],
  });
}

/** Suggests the FAQ articles that may already answer the complaint, for an instant first reply. */
export async function suggestFaq(
  story: Story,
  input: { shopId: string; language: 'tr' | 'en'; text: string; expected: string },
): Promise<void> {
  await story.step('Matching FAQ articles are suggested for an instant first reply', (step) => {
    const knowledge = shopFaq(input.shopId);
    const { suggestions, reply, closesComplaint } = knowledge.suggestForComplaint({
      description: input.text,
      language: input.language,
    });
    for (const suggestion of suggestions.slice(0, 2)) step.show(`→ ${suggestion.article.question}`);
    step.show(reply.split('\n')[0] ?? '');
    assert(suggestions[0]?.article.id === input.expected, `expected ${input.expected} first`);
    assert(closesComplaint === false, 'a suggestion never closes the complaint');
  });
}
