// Maps are added by the buurtkaart area.
