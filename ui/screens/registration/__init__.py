"""The AK1 registration (kartu kuning, Permenaker 39/2016) as a guided form: one topic per screen,
"Langkah N dari 9", then the review, the submit and the receipt. The answers live in the visit."""
