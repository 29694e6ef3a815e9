namespace PhoneGroups.Api;

/// <summary>A member whose endpoint Asterisk does not have.</summary>
internal sealed record OrphanView(string Number, string Endpoint, string? Group);
