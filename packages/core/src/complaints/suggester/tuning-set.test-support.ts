// The tuning set of the complaint suggester: the only messages the lexicon was tuned on. The
// evaluation sets (evaluation-set-*.test-support.ts) are kept apart and only measured.
export const tuningSetEn = `
never_arrived|normal|The order did not arrive at all.
never_arrived|normal|Package missing, carrier says delivered.
never_arrived|normal|havent got my parcel
damaged|normal|Glass was broken on arrival.
damaged|normal|The item came dented and scratched.
damaged|normal|arrived cracked
wrong_item|normal|You delivered the wrong size.
wrong_item|normal|Not the product I ordered.
wrong_item|normal|one item was missing from the box
defective|normal|It stopped working after a day.
defective|critical|The adapter overheated and sparked.
defective|normal|doesnt work, faulty unit
refund_problem|normal|My refund has not come through.
refund_problem|normal|Money not returned after the return.
refund_problem|normal|still no reimbursement
overcharged|normal|I was billed twice.
overcharged|normal|Wrong price charged at checkout.
overcharged|normal|extra fee on my card
misleading_listing|normal|Not as described on the site.
misleading_listing|normal|Photos are misleading.
misleading_listing|normal|the description lies about the size
late_delivery|normal|The delivery is late.
late_delivery|normal|Shipping delayed by a week.
late_delivery|normal|still not dispatched
rude_service|normal|The agent was rude.
rude_service|normal|Your courier was aggressive.
rude_service|normal|staff were disrespectful
long_wait|normal|No one answers my emails.
long_wait|normal|On hold for ages.
long_wait|normal|I want to talk to a human, the bot is useless
other|low|How can I change my email address?
other|low|Do you have a catalogue?
other|normal|The app crashes when I open it.
`;

export const tuningSetTr = `
never_arrived|normal|Sipariş hiç ulaşmadı.
never_arrived|normal|Paket kayıp, kargo teslim edildi diyor.
never_arrived|normal|kargom gelmedi
damaged|normal|Cam kırık geldi.
damaged|normal|Ürün ezik ve çizik geldi.
damaged|normal|catlak geldi
wrong_item|normal|Yanlış beden gönderdiniz.
wrong_item|normal|Sipariş ettiğim ürün bu değil.
wrong_item|normal|kutudan bir urun eksik cikti
defective|normal|Bir gün sonra çalışmaz oldu.
defective|critical|Adaptör aşırı ısındı ve kıvılcım çıkardı.
defective|normal|calismiyor, arizali
refund_problem|normal|İadem hesabıma geçmedi.
refund_problem|normal|Ürünü iade ettim ama param gelmedi.
refund_problem|normal|hala para iadesi yok
overcharged|normal|İki kez ücret alındı.
overcharged|normal|Ödemede yanlış fiyat çekildi.
overcharged|normal|kartimdan fazla ucret cekilmis
misleading_listing|normal|Sitede anlatıldığı gibi değil.
misleading_listing|normal|Fotoğraflar yanıltıcı.
misleading_listing|normal|aciklamada olculer yanlis yaziyor
late_delivery|normal|Teslimat gecikti.
late_delivery|normal|Kargo bir hafta gecikmeli.
late_delivery|normal|hala kargoya verilmemis
rude_service|normal|Temsilci kabaydı.
rude_service|normal|Kuryeniz saldırgandı.
rude_service|normal|calisanlar saygisizdi
long_wait|normal|Kimse e-postalarıma yanıt vermiyor.
long_wait|normal|Çok uzun süre hatta beklettiniz.
long_wait|normal|bir insanla gorusmek istiyorum bot ise yaramiyor
other|low|E-posta adresimi nasıl değiştiririm?
other|low|Kataloğunuz var mı?
other|normal|Uygulama açılınca kapanıyor.
`;
