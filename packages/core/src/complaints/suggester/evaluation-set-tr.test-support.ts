// The held-out Turkish evaluation set of the complaint suggester: written before the lexicon was tuned
// and never used to tune it. One message a line: category|urgency|text. Many lines are written without
// Turkish letters (as customers often type), some have typos, some mix topics (labelled with the main one).
export const evaluationSetTr = `
never_arrived|normal|Siparişim hâlâ gelmedi, kargo takipte dokuz gündür dağıtımda görünüyor.
never_arrived|normal|Paketim elime ulaşmadı, üç hafta oldu.
never_arrived|high|Bir aydır kargo yok, size üçüncü kez yazıyorum!!
never_arrived|normal|Kargo teslim edildi diyor ama kapıma hiçbir şey bırakılmamış.
never_arrived|normal|Siparisim nerede? Hicbir sey gelmedi.
never_arrived|normal|Kargo firması paketi kaybetmiş, bulamıyorlarmış.
never_arrived|normal|siparisim hala ulasmadi ne oldugunu kontrol eder misiniz
never_arrived|high|Teslim edildi yazıyor ama teslim almadım. Bugün param iade edilmezse bankaya itiraz edeceğim.
never_arrived|normal|Takip numarası çalışmıyor ve paket hiç gelmedi.
never_arrived|low|Sadece sormak istedim, siparişim henüz gelmedi, bir sorun mu var?
never_arrived|normal|Paketi komşuya bırakmışlar ama hiçbir komşumda yok.
never_arrived|normal|urun gelmedi. siparis 5521. iade istiyorum
never_arrived|normal|Kız kardeşime gönderdiğim hediye hiç ulaşmadı, adres doğruydu.
never_arrived|normal|Sipariş 20 gün önce kargoya verilmiş görünüyor ama paket kayıp.
never_arrived|normal|paketim teslim edilmemis ama sistemde teslim edildi gorunuyor
damaged|normal|Vazo paramparça geldi.
damaged|normal|Kutu ezilmiş, içindeki lamba çatlak.
damaged|normal|Ekran büyük bir çizik ve köşesinde ezikle geldi.
damaged|normal|kupam kırık geldi, paketleme berbattı
damaged|low|Gelen tabakta küçük bir kırık var, çok önemli değil ama bilmenizi istedim.
damaged|normal|Koliyi açtığımda çerçevenin camı kırılmıştı.
damaged|normal|Ürünler hasarlı geldi, şişe akmış her yer berbat olmuş.
damaged|high|Setin yarısı kırık geldi ve cumartesi düğün için lazım, acil yardım edin lütfen.
damaged|normal|Koltuğun ayağı kırık, belli ki kargoda hasar görmüş.
damaged|normal|Masa üstünde kocaman bir çatlakla geldi.
damaged|normal|koli islanmis ve icindeki kitap mahvolmus
damaged|normal|Pasta standı parça parça geldi, yenisini istiyorum.
damaged|normal|Televizyon paneli kırık olarak teslim edildi.
damaged|normal|Ambalaj yırtık, içindeki elbise de yırtılmış ve kirli.
damaged|normal|urun hasarli geldi kutusu da ezikti
wrong_item|normal|Yanlış ürün gönderdiniz, mavi gömlek sipariş ettim yeşil geldi.
wrong_item|normal|L yerine M beden geldi.
wrong_item|normal|Bu benim sipariş ettiğim ürün değil, kutudan bambaşka bir ürün çıktı.
wrong_item|normal|Yanlis renk gelmis, siyah istemistim.
wrong_item|normal|Paketimden başka birinin siparişi çıktı.
wrong_item|normal|ayakkabilar farkli numara, sol 38 sag 40
wrong_item|normal|Siparişimde ürün eksik, 3 parçanın sadece 2'si geldi.
wrong_item|normal|500 ml olanı aldım, 250 ml göndermişsiniz.
wrong_item|low|Çayın aroması yanlış gelmiş, acelesi yok ama değiştirebilir misiniz?
wrong_item|normal|Yanlış model gönderilmiş, Pro aldım standart model geldi.
wrong_item|normal|Pakette yanlış ürün var, doğrusunu gönderin lütfen.
wrong_item|normal|iphone sarj aleti siparis ettim android olan geldi
wrong_item|normal|Paketteki telefon kılıfı benim seçtiğim değil
wrong_item|high|YİNE yanlış ürün. İkinci kez oluyor. Yarınki seyahatimden önce doğrusu lazım.
wrong_item|normal|yanlis urun yollamissiniz bu benim siparisim degil
defective|normal|Blender iki gün sonra çalışmaz oldu.
defective|normal|Kulaklık hiç şarj olmuyor.
defective|critical|Şarj aleti duman çıkarıp eridi, neredeyse yangın çıkıyordu.
defective|normal|Çantanın fermuarı ilk kullanımda bozuldu.
defective|normal|Su ısıtıcı doldurunca altından su kaçırıyor.
defective|normal|Saatim arızalı, ekran sürekli donuyor.
defective|critical|Isıtıcıyı prize takınca elektrik çarptı.
defective|normal|Yazıcı açılmıyor, ürün bozuk çıktı.
defective|normal|Sol kulaklıktan ses gelmiyor, sağ çalışıyor.
defective|normal|supurge cok ses yapip kapaniyor, bir haftada bozuldu
defective|normal|Bir yıkamada dikişleri söküldü.
defective|normal|Cihaz yanıt vermiyor, defalarca sıfırladım, düpedüz arızalı.
defective|critical|Oyuncağın pili çok ısındı ve oğlumun elini yaktı.
defective|normal|Kahve makinesi artık suyu ısıtmıyor, garantisi var, tamir istiyorum.
defective|normal|urun calismiyor kutusundan bozuk cikti
refund_problem|normal|İki hafta önce ürünü iade ettim, paramı hâlâ alamadım.
refund_problem|normal|İadeniz yapıldı dediniz ama hesabıma hiçbir şey gelmedi.
refund_problem|high|Param nerede? 30 gün oldu. Bankama ve tüketici hakem heyetine başvuracağım.
refund_problem|normal|Sadece kısmi iade aldım, kargo ücreti iade edilmedi.
refund_problem|normal|İade kapattığım eski kartıma yapılmış.
refund_problem|normal|İadem deponuza ulaştı ama para geri gelmedi.
refund_problem|normal|iade 10 is gunudur beklemede
refund_problem|normal|Yanlış tutarı iade ettiniz, 450 ödedim 300 geri geldi.
refund_problem|normal|Siparişi kargoya verilmeden iptal ettim, ücret iadesi yapılmadı.
refund_problem|low|İadem ne zaman hesabıma geçer, merak ettim sadece.
refund_problem|normal|Mağaza kredisi sözü verdiniz ama hesabımda görünmüyor.
refund_problem|normal|Iade ettigim urunun parasini hala bekliyorum, kargo size ulasmis.
refund_problem|normal|İade bir hafta önce onaylandı, banka hiçbir şey gelmedi diyor.
refund_problem|normal|gonderdigim iadenin parasi nerde
refund_problem|normal|paramin iadesi yapilmadi hala
overcharged|normal|Aynı sipariş için iki kez ücret alındı.
overcharged|normal|Ödeme sayfasındaki fiyat ürün sayfasındakinden yüksekti.
overcharged|normal|İndirim kodu uygulanmadı, tam fiyat ödedim.
overcharged|normal|Sipariş ücretsiz kargo limitinin üstündeydi ama kargo ücreti aldınız.
overcharged|high|Tek sipariş için kartımdan üç kez çekim yapılmış, hemen düzeltin.
overcharged|normal|İptal ettiğim sipariş için kartımdan para çekildi.
overcharged|normal|İndirimli fiyat 199'du ama 249 TL çekildi.
overcharged|normal|kredi kartimdan iki kere cekim yapilmis
overcharged|normal|Bana hiç söylenmemiş ek bir ücret alındı.
overcharged|normal|Faturadaki tutar kabul ettiğim tutardan fazla.
overcharged|low|Sanırım kargoya biraz fazla ödedim, kontrol eder misiniz?
overcharged|normal|3 ürün için ücret alındı ama 2 tane sipariş ettim.
overcharged|normal|kupon odemede kayboldu ve tam tutar cekildi
overcharged|normal|Sitenizde gümrük dahil yazıyor ama gümrük vergisi ödedim.
overcharged|normal|fazla para cekilmis hesabimdan
misleading_listing|normal|Ürün sitedeki fotoğraflara hiç benzemiyor.
misleading_listing|normal|Açıklamada %100 pamuk yazıyordu, etikette polyester yazıyor.
misleading_listing|normal|Yazan ölçülerden çok daha küçük.
misleading_listing|normal|İlanda su geçirmez yazıyordu, hiç de su geçirmez değil.
misleading_listing|normal|Fotoğraflardaki renk gerçeğinden tamamen farklı.
misleading_listing|normal|Hakiki deri diye satılıyor, belli ki suni deri.
misleading_listing|normal|Sitede pil dahil yazıyordu, pil yok.
misleading_listing|normal|anlatildigi gibi degil, sayfadaki ozellikler yanlis
misleading_listing|normal|İlanda 12 saat pil ömrü yazıyor, 3 saat zor gidiyor.
misleading_listing|low|Resimler biraz yanıltıcı, renk gösterilenden açık.
misleading_listing|normal|İlanınızda 15 inç laptop sığar diyordu, benimki sığmıyor.
misleading_listing|normal|Ürün açıklaması yanlış, iddia edildiği gibi modelimle uyumlu değil.
misleading_listing|high|Bu düpedüz yanıltıcı reklam, sizi yetkililere şikâyet edeceğim.
misleading_listing|normal|malzemesi ucuz plastik, sayfanizda metal yaziyor
misleading_listing|normal|urun gorseldekiyle ayni degil
late_delivery|normal|Siparişim gecikti, 2 günde teslim dediniz bir hafta oldu.
late_delivery|normal|Kargo yine gecikti, tahmini teslim tarihi sürekli değişiyor.
late_delivery|high|Kızımın dün olan doğum günü için lazımdı ve hâlâ teslim edilmedi.
late_delivery|normal|Kargo çok uzun sürüyor, 12 gündür yolda.
late_delivery|normal|Teslimat neden bu kadar yavaş? Hızlı kargo ücreti ödedim.
late_delivery|normal|Sipariş pazartesi gelecekti, şimdi cuma diyor.
late_delivery|normal|Teslimat gecikti ve kimse nedenini söylemedi.
late_delivery|low|Sipariş birkaç gün gecikmeli, bir gelişme var mı?
late_delivery|normal|ertesi gun teslimat icin para odedim 5 gunde geldi
late_delivery|normal|Ödemeden bir hafta sonra kargoya verdiniz.
late_delivery|normal|Kurye teslimatı sürekli erteliyor.
late_delivery|normal|hala kargoya verilmedi, 24 saatte kargoda dediniz
late_delivery|normal|Paketim günlerdir aktarma merkezinde bekliyor.
late_delivery|normal|Teslimat çok geç oldu, gıdaların son kullanma tarihi yaklaşmış.
late_delivery|normal|kargo cok gec geldi bir daha sizden almam
rude_service|normal|Telefondaki temsilciniz bana çok kaba davrandı.
rude_service|normal|Kurye kaba davrandı ve paketi kapıma fırlattı.
rude_service|normal|Müşteri hizmetlerindeki kişi telefonu yüzüme kapattı.
rude_service|high|Çalışanınız mağazada bana hakaret etti. Bir yöneticiyle görüşmek istiyorum.
rude_service|normal|Canlı destekteki kişi umursamaz ve ilgisizdi.
rude_service|normal|Çalışanınız bana saygısızca davrandı.
rude_service|normal|kargocu bana bagirdi
rude_service|normal|Destek temsilciniz küçümseyici ve alaycıydı.
rude_service|low|Çok önemli değil ama telefondaki kişi biraz kabaydı.
rude_service|normal|Mağaza çalışanı soğuk davrandı ve yardım etmeyi reddetti.
rude_service|normal|Temsilciniz çok profesyonelce olmayan bir şekilde soruma güldü.
rude_service|normal|Kuryeye yukarı çıkarmasını rica ettim diye bana bağırdı.
rude_service|high|Temsilciniz beni tehdit etti. Kabul edilemez, bir yetkili beni arasın.
rude_service|normal|kasadaki hanim anneme cok kaba davrandi
rude_service|normal|musteri temsilcisi cok terbiyesizdi
long_wait|normal|Bir haftadır e-postama yanıt bekliyorum.
long_wait|normal|Mesajlarıma kimse cevap vermiyor.
long_wait|high|Beş kez aradım, her seferinde bir saat beklettiniz. Gerçek bir insanla konuşmak istiyorum.
long_wait|normal|Canlı destek birazdan bağlanacağız diyor, 2 saat oldu.
long_wait|normal|Birkaç e-postadan sonra hâlâ müşteri hizmetlerinden yanıt yok.
long_wait|normal|Sürekli otomatik yanıt geliyor, hiçbir insan cevap vermiyor.
long_wait|normal|saatlerdir hattı bekliyorum
long_wait|normal|10 gundur cevap bekliyorum, kimse yok mu??
long_wait|low|Geçen hafta bir soru gönderdim, dönüş olmadı, acelesi yok.
long_wait|normal|Destek hattınız telefonu hiç açmıyor.
long_wait|high|3 haftadır kimse bana dönmedi, bunu üst mercilere taşıyorum.
long_wait|normal|Sizden bir cevap almak günler sürüyor.
long_wait|normal|Geri arama sözü verildi ama kimse aramadı.
long_wait|normal|Bot sürekli aynı yere dönüyor, lütfen bir temsilciye bağlayın.
long_wait|normal|musteri hizmetlerine ulasamiyorum kimse donmuyor
other|normal|Siparişimin teslimat adresini değiştirmek istiyorum.
other|low|Alışverişim için fatura gönderebilir misiniz?
other|normal|Ödeme yaparken site sürekli oturumumu kapatıyor.
other|low|Daha fazla beden seçeneği eklemenizi öneririm.
other|normal|Hesabımı nasıl silerim?
other|normal|Hediye kartımı sitede kullanamıyorum.
other|low|Kıbrıs'a gönderim yapıyor musunuz?
other|normal|Lütfen bana reklam e-postası göndermeyi bırakın.
other|normal|Aboneliğimi iptal etmek istiyorum.
other|low|Bu ürünün kırmızısı var mı?
other|normal|Şifre sıfırlama e-postası hiç gelmiyor.
other|normal|Siparişteki telefon numaramı güncelleyin lütfen.
never_arrived|normal|Paket hiç gelmedi, destek de yanıt vermekte çok yavaş.
damaged|normal|Kutu ezik geldi, teslimat da gecikmişti.
wrong_item|normal|Yanlış ürün gönderildi, üstüne iade kargo ücreti de alındı.
defective|normal|Vantilatör bir haftada bozuldu, ilanda sessiz yazıyordu ama çok gürültülü.
refund_problem|high|Bir aydır iade yok ve e-postalarıma kimse cevap vermiyor, mahkemeye gideceğim.
overcharged|normal|İki kez ücret alındı, ürün de geç geldi.
late_delivery|normal|Teslimat iki hafta gecikti, kutu da biraz ezikti.
misleading_listing|normal|Fotoğraftakine hiç benzemiyor, kurye de kabaydı.
rude_service|normal|İademi sorduğumda temsilci kaba davrandı.
long_wait|normal|Hasarlı ürünüm için bir haftadır kimse dönmüyor.
`;
