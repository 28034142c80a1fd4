"""The c3voc schedule format (schedule.json, schedule.xml) that pretalx and frab publish and
that EventFahrplan, Giggity and info-beamer read: reading it into confbot's programme
(`read.py`), writing confbot's programme in it (`write.py`), checking a document against the
published schemas (`schema.py`, files in `schema/`)."""
