namespace PhoneGroups.Ari;
