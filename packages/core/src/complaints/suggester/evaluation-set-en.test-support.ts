// The held-out English evaluation set of the complaint suggester: written before the lexicon was
// tuned and never used to tune it (the tuning set is tuning-set.test-support.ts). One message a line:
// category|urgency|text. Some lines have typos, some mix topics (labelled with the main complaint).
export const evaluationSetEn = `
never_arrived|normal|My order never arrived. Tracking has said "out for delivery" for nine days.
never_arrived|normal|I have not received my package yet and it has been three weeks.
never_arrived|high|Still no parcel after a month, this is the third time I am writing to you!!
never_arrived|normal|The courier marked it delivered but nothing was left at my door.
never_arrived|normal|Where is my order? Nothing came.
never_arrived|normal|Package lost in transit apparently, the carrier says they cant find it.
never_arrived|normal|i never recieved my order, can you check what happened
never_arrived|high|Parcel says delivered, it was not. I want my money back today or I will file a chargeback.
never_arrived|normal|Tracking number does not work and the parcel never showed up.
never_arrived|low|Just checking: my order hasn't arrived, is there a problem with it?
never_arrived|normal|The box was supposedly handed to a neighbour but none of my neighbours have it.
never_arrived|normal|nothing arrived. order 5521. please refund
never_arrived|normal|My gift never got to my sister, the address was correct.
never_arrived|normal|Order shows shipped 20 days ago but the package is missing.
damaged|normal|The vase arrived broken into pieces.
damaged|normal|Box was crushed and the lamp inside is cracked.
damaged|normal|The screen came with a big scratch and a dent on the corner.
damaged|normal|my mug arrived smashed, the packaging was terrible
damaged|low|Small chip on the plate I received, not a huge deal but wanted you to know.
damaged|normal|The frame glass was shattered when I opened the parcel.
damaged|normal|Items arrived damaged, the bottle had leaked all over everything.
damaged|high|Half the set arrived broken and I need it for a wedding on Saturday, please help urgently.
damaged|normal|The sofa leg is snapped off, clearly damaged during shipping.
damaged|normal|Received the table with a huge crack across the top.
damaged|normal|the parcel was wet and the book inside is ruined
damaged|normal|Cake stand arrived in bits. I'd like a replacement.
damaged|normal|The TV was delivered with a cracked panel.
damaged|normal|Torn packaging and the dress inside is ripped and dirty.
wrong_item|normal|You sent me the wrong item, I ordered a blue shirt and got a green one.
wrong_item|normal|Received size M instead of L.
wrong_item|normal|This is not what I ordered, the box contains a completely different product.
wrong_item|normal|Wrong colour delivered. I asked for black.
wrong_item|normal|I got someone else's order in my parcel.
wrong_item|normal|the shoes are two different sizes, left is 38 right is 40
wrong_item|normal|Item missing from my order, only 2 of the 3 pieces came.
wrong_item|normal|I ordered the 500 ml version and you sent 250 ml.
wrong_item|low|Got the wrong flavour of tea, no rush but could you swap it?
wrong_item|normal|Wrong model sent - I bought the Pro and received the basic one.
wrong_item|normal|Incorrect item in the package, please send the right one.
wrong_item|normal|ordered a charger for iphone got one for android
wrong_item|normal|The parcel had a phone case that isnt the one i picked
wrong_item|high|Wrong item AGAIN. Second time. I need the correct one before my trip tomorrow.
defective|normal|The blender stopped working after two days.
defective|normal|The headphones don't charge at all.
defective|critical|The charger started smoking and melted, it nearly caught fire.
defective|normal|Zipper broke the first time I used the bag.
defective|normal|The kettle leaks from the bottom when I fill it.
defective|normal|My watch is faulty, the screen keeps freezing.
defective|critical|The heater gave me an electric shock when I plugged it in.
defective|normal|The printer won't turn on, seems defective.
defective|normal|Left earbud has no sound, right one works.
defective|normal|the vacuum cleaner makes a loud noise and then turns off, broken after a week
defective|normal|Stitching came apart after one wash.
defective|normal|App says the device is not responding, I reset it many times, it's just faulty.
defective|critical|The battery of the toy got very hot and burned my son's hand.
defective|normal|Coffee machine doesnt heat the water anymore, under warranty, want a repair.
refund_problem|normal|I returned the item two weeks ago and still have not received my refund.
refund_problem|normal|You said my refund was processed but nothing is in my account.
refund_problem|high|Where is my refund? It has been 30 days. I am contacting my bank and consumer protection.
refund_problem|normal|I only got a partial refund, shipping was not refunded.
refund_problem|normal|The refund went to an old card that is closed.
refund_problem|normal|My return was received by your warehouse but the money never came back.
refund_problem|normal|refund still pending after 10 business days
refund_problem|normal|You refunded the wrong amount, I paid 450 and got 300 back.
refund_problem|normal|I cancelled the order before it shipped and was never reimbursed.
refund_problem|low|Could you tell me when my refund will arrive? Just curious about the timing.
refund_problem|normal|I was promised store credit but it doesnt show up in my account.
refund_problem|normal|Still waiting on the money for my return, tracking shows you got it.
refund_problem|normal|The refund was approved a week ago, bank says nothing came in.
refund_problem|normal|i want my money back for the return i sent, where is it
overcharged|normal|I was charged twice for the same order.
overcharged|normal|The price at checkout was higher than the price on the product page.
overcharged|normal|Discount code was not applied, I paid full price.
overcharged|normal|You charged me shipping even though the order was over the free shipping limit.
overcharged|high|There are three charges on my card for one order, please fix this immediately.
overcharged|normal|My card was billed for an order I cancelled.
overcharged|normal|The sale price was 199 but I was charged 249.
overcharged|normal|double charge on my credit card statement
overcharged|normal|I was charged an extra fee I was never told about.
overcharged|normal|The invoice amount is more than what I agreed to pay.
overcharged|low|I think I paid a bit too much for shipping, could you check?
overcharged|normal|Charged for 3 items but only ordered 2.
overcharged|normal|the coupon vanished at payment and i got charged the full amount
overcharged|normal|Customs duty was charged although your site says duties are included.
misleading_listing|normal|The product looks nothing like the photos on your website.
misleading_listing|normal|The description said 100% cotton but the label says polyester.
misleading_listing|normal|It is much smaller than the dimensions listed.
misleading_listing|normal|Listing said waterproof, it is not waterproof at all.
misleading_listing|normal|The colour in the pictures is completely different from the real thing.
misleading_listing|normal|Advertised as genuine leather, it is clearly fake.
misleading_listing|normal|The website said it includes batteries, it doesn't.
misleading_listing|normal|not as described, the specs on the page are wrong
misleading_listing|normal|The listing claims 12 hour battery life, it barely lasts 3.
misleading_listing|low|The pictures are a bit misleading, the shade is lighter than shown.
misleading_listing|normal|Your ad said it fits a 15 inch laptop, mine doesn't fit.
misleading_listing|normal|Product description is false, it is not compatible with my model as claimed.
misleading_listing|high|This is false advertising and I will report you to the authorities.
misleading_listing|normal|the material is cheap plastic, your page says metal
late_delivery|normal|My order is late, you promised delivery within 2 days and it's been a week.
late_delivery|normal|The parcel is delayed again, the estimated date keeps changing.
late_delivery|high|I needed this for my daughter's birthday yesterday and it still hasn't been delivered.
late_delivery|normal|Shipping is taking forever, still in transit after 12 days.
late_delivery|normal|Why is my delivery so slow? Express shipping was paid for.
late_delivery|normal|The order was supposed to arrive on Monday, now it says Friday.
late_delivery|normal|The delivery is delayed and nobody told me why.
late_delivery|low|Order is running a few days late, any update?
late_delivery|normal|paid for next day delivery, it came after 5 days
late_delivery|normal|Your shop dispatched my order a week after I paid.
late_delivery|normal|The courier keeps postponing the delivery.
late_delivery|normal|still not shipped, you said it would ship in 24 hours
late_delivery|normal|My package is stuck at the distribution centre for days.
late_delivery|normal|Delivery was very late and the food items are now close to expiry.
rude_service|normal|Your agent on the phone was extremely rude to me.
rude_service|normal|The courier was rude and threw the parcel at my door.
rude_service|normal|The customer service person hung up on me.
rude_service|high|Your staff insulted me in the store. I want to speak to a manager.
rude_service|normal|The chat agent was dismissive and unhelpful.
rude_service|normal|I was treated with disrespect by your employee.
rude_service|normal|the delivery guy shouted at me
rude_service|normal|Your support rep was condescending and sarcastic.
rude_service|low|Not a big deal but the person on the phone was a bit impolite.
rude_service|normal|The store employee was unfriendly and refused to help.
rude_service|normal|Your representative was very unprofessional and laughed at my question.
rude_service|normal|I was yelled at by the driver for asking him to bring it upstairs.
rude_service|high|Your agent threatened me. This is unacceptable, I want a person in charge to call me.
rude_service|normal|the lady at the counter was so rude to my mother
long_wait|normal|I have been waiting for an answer to my email for a week.
long_wait|normal|Nobody replies to my messages.
long_wait|high|I've called five times and been on hold for an hour each time. I want to talk to a real person.
long_wait|normal|Your chat says someone will be with me shortly, it's been 2 hours.
long_wait|normal|No response from customer support after several emails.
long_wait|normal|I keep getting the automated reply and no human ever answers.
long_wait|normal|I have been on hold forever
long_wait|normal|waiting for a reply for 10 days now, hello??
long_wait|low|I sent a question last week and haven't heard back, no rush.
long_wait|normal|Your support never answers the phone.
long_wait|high|Nobody has responded to me in 3 weeks, I'm escalating this.
long_wait|normal|It takes days to get any answer from you.
long_wait|normal|I was promised a call back that never came.
long_wait|normal|The bot keeps looping, let me speak to an agent please.
other|normal|I want to change the delivery address of my order.
other|low|Can you send me an invoice for my purchase?
other|normal|The website keeps logging me out when I try to pay.
other|low|I'd like to suggest you add more sizes.
other|normal|How do I delete my account?
other|normal|I can't use my gift card on the website.
other|low|Do you ship to Cyprus?
other|normal|Please stop sending me marketing emails.
other|normal|I would like to cancel my subscription.
other|low|Is this product available in red?
other|normal|The password reset email never comes.
other|normal|Please update my phone number on the order.
never_arrived|normal|Parcel never arrived and your support takes ages to answer me.
damaged|normal|The box arrived smashed and the delivery was late too.
wrong_item|normal|Wrong item sent, and now I was charged for the return shipping as well.
defective|normal|The fan broke after a week; the listing said it was silent but it's loud.
refund_problem|high|Refund missing for a month and nobody answers my emails, I'll go to court.
overcharged|normal|Charged twice and the product was also late.
late_delivery|normal|Delivery delayed by two weeks and the box was a bit dented.
misleading_listing|normal|Looks nothing like the photo and the courier was rude.
rude_service|normal|The agent was rude when I asked about my refund.
long_wait|normal|Nobody answers about my damaged item, waiting for a week.
`;
