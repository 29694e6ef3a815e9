using PhoneGroups.Policy.Patterns;

namespace PhoneGroups.Policy.Model;

/// <summary>A phone group as the compiled policy knows it.</summary>
public sealed class GroupInfo
{
    private readonly int[] _grantRouteIndexes;   // ascending route indexes of _grants, for binary search
    private readonly RouteGrant[] _grants;       // in route order
    private ExtensionInfo[] _members = [];

    internal GroupInfo(int index, string name, string? description, bool isDefault, bool isIsolated, bool isPickupIsolated,
        IReadOnlyList<AsteriskPattern> allowPatterns, string? language, RouteGrant[]? grants)
    {
        Index = index;
        Name = name;
        Description = description;
        IsDefault = isDefault;
        IsIsolated = isIsolated;
        IsPickupIsolated = isPickupIsolated;
        AllowPatterns = allowPatterns;
        Language = language;
        ListsRoutes = grants is not null;
        _grants = grants ?? [];
        Array.Sort(_grants, static (a, b) => a.Route.Index.CompareTo(b.Route.Index));
        _grantRouteIndexes = [.. _grants.Select(g => g.Route.Index)];
    }

    /// <summary>The group's position in the policy.</summary>
    public int Index { get; }

    /// <summary>The group's name.</summary>
    public string Name { get; }

    /// <summary>The group's description, or null.</summary>
    public string? Description { get; }

    /// <summary>Whether extensions that no group lists belong to this group.</summary>
    public bool IsDefault { get; }

    /// <summary>Whether members may call only their own group and the <see cref="AllowPatterns"/>.</summary>
    public bool IsIsolated { get; }

    /// <summary>Whether members may pick up only calls ringing for their own group.</summary>
    public bool IsPickupIsolated { get; }

    /// <summary>The numbers isolated members may call outside their group.</summary>
    public IReadOnlyList<AsteriskPattern> AllowPatterns { get; }

    /// <summary>The caller ID members present on emergency calls (a callback number), or null for the extension's own number.</summary>
    public string? EmergencyCallerId { get; internal init; }

    /// <summary>The prompt language for members without one of their own, or null.</summary>
    public string? Language { get; }

    /// <summary>Whether the group lists its routes; when false it may use every route.</summary>
    public bool ListsRoutes { get; }

    /// <summary>The routes the group lists, in route order; empty when it lists none or does not list routes at all.</summary>
    public IReadOnlyList<RouteGrant> RouteGrants => _grants;

    /// <summary>The members, explicit ones first, then extensions that belong here because the group is the default.</summary>
    public IReadOnlyList<ExtensionInfo> Members => _members;

    /// <summary>The group's grant for the route at <paramref name="routeIndex"/>, when it lists that route.</summary>
    internal bool TryGetGrant(int routeIndex, out RouteGrant grant)
    {
        var i = Array.BinarySearch(_grantRouteIndexes, routeIndex);
        grant = i >= 0 ? _grants[i] : null!;
        return i >= 0;
    }

    internal void SetMembers(ExtensionInfo[] members) => _members = members;

    /// <inheritdoc />
    public override string ToString() => Name;
}
