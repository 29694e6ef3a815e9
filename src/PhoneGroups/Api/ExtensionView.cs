using PhoneGroups.Policy.Model;
using PhoneGroups.PolicyReload;

namespace PhoneGroups.Api;

/// <summary>An extension in force: <c>source</c> is <c>policy</c>, or <c>discovered</c> for a phone only Asterisk knows.</summary>
internal sealed record ExtensionView(string Number, string Endpoint, string? Language, string? Group, string Source)
{
    public static ExtensionView Of(ExtensionInfo extension, PolicyPublisher publisher) =>
        new(extension.Number, extension.Endpoint, extension.Language, extension.Group?.Name, publisher.IsDiscovered(extension.Number) ? "discovered" : "policy");
}
