namespace PhoneGroups.Policy;
