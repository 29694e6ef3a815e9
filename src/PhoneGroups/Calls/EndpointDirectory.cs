using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Model;

namespace PhoneGroups.Calls;

/// <summary>Endpoint → extension for one policy snapshot, built once per snapshot on first use.</summary>
internal static class EndpointDirectory
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CompiledPolicy, Dictionary<string, ExtensionInfo>> Cache = new();

    public static IReadOnlyDictionary<string, ExtensionInfo> For(CompiledPolicy policy) =>
        Cache.GetValue(policy, static p =>
        {
            var byEndpoint = new Dictionary<string, ExtensionInfo>(StringComparer.OrdinalIgnoreCase);
            foreach (var extension in p.Extensions)
            {
                byEndpoint.TryAdd(extension.Endpoint, extension);
            }

            return byEndpoint;
        });
}
