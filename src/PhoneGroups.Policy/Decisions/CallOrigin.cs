namespace PhoneGroups.Policy.Decisions;

/// <summary>Where a call came from, as the dialplan says (the trunks' context sets <c>PHONEGROUPS_ORIGIN=trunk</c>).</summary>
public enum CallOrigin
{
    /// <summary>From a phone of this PBX, or not marked otherwise.</summary>
    Internal,

    /// <summary>From a trunk: from outside. Such a call is never routed back out as an emergency call.</summary>
    Trunk,
}
