namespace ThuisMonitoring.Abstractions.Protocols;

/// <summary>
/// Durable, versioned and audited protocol layers above the shipped default: one per organisation
/// (<c>org:{organisation}</c>) and one per patient (<c>patient:{patientId}</c>). A layer is a partial protocol
/// document as JSON (see docs/protocol.md). Callers validate a layer before saving it.
/// </summary>
public interface IProtocolLibrary
{
    /// <summary>The current layer of a scope, or null when the scope has none (the default applies).</summary>
    Task<ProtocolLayerVersion?> GetLayerAsync(string scope, CancellationToken cancellationToken);

    /// <summary>Saves a new version of a scope's layer and records the change (who, when, old → new).</summary>
    Task<ProtocolLayerVersion> SaveLayerAsync(string scope, string layerJson, string changedBy, CancellationToken cancellationToken);

    /// <summary>The recorded changes, newest first; of one scope, or of all when null.</summary>
    Task<IReadOnlyList<ProtocolChange>> ChangesAsync(string? scope, int limit, CancellationToken cancellationToken);
}

/// <summary>One version of a scope's protocol layer.</summary>
public sealed record ProtocolLayerVersion(string Scope, int Version, string LayerJson, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>An audited change of a protocol layer.</summary>
public sealed record ProtocolChange(string Scope, int Version, string? OldLayerJson, string NewLayerJson, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>Names of protocol scopes.</summary>
public static class ProtocolScopes
{
    public static string Organisation(string organisation) => "org:" + organisation;

    public static string Patient(string patientId) => "patient:" + patientId;
}
