using Orleans.Serialization.Cloning;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>The wire form of <see cref="Finding"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct FindingSurrogate
{
    [Id(0)] public string Reason;
    [Id(1)] public Level Level;
    [Id(2)] public string Parameter;
    [Id(3)] public double? Value;
    [Id(4)] public double? Reference;
}

[RegisterConverter]
public sealed class FindingConverter : IConverter<Finding, FindingSurrogate>
{
    public Finding ConvertFromSurrogate(in FindingSurrogate surrogate) => new(
        surrogate.Reason,
        surrogate.Level,
        surrogate.Parameter,
        surrogate.Value,
        surrogate.Reference);

    public FindingSurrogate ConvertToSurrogate(in Finding value) => new()
    {
        Reason = value.Reason,
        Level = value.Level,
        Parameter = value.Parameter,
        Value = value.Value,
        Reference = value.Reference,
    };
}

[RegisterCopier]
public sealed class FindingCopier : ShallowCopier<Finding>;

/// <summary>The wire form of <see cref="ProtocolError"/>; immutable, so a call inside the silo passes the instance itself.</summary>
[GenerateSerializer]
public struct ProtocolErrorSurrogate
{
    [Id(0)] public string Field;
    [Id(1)] public string Message;
    [Id(2)] public string? Layer;
}

[RegisterConverter]
public sealed class ProtocolErrorConverter : IConverter<ProtocolError, ProtocolErrorSurrogate>
{
    public ProtocolError ConvertFromSurrogate(in ProtocolErrorSurrogate surrogate) => new(
        surrogate.Field,
        surrogate.Message,
        surrogate.Layer);

    public ProtocolErrorSurrogate ConvertToSurrogate(in ProtocolError value) => new()
    {
        Field = value.Field,
        Message = value.Message,
        Layer = value.Layer,
    };
}

[RegisterCopier]
public sealed class ProtocolErrorCopier : ShallowCopier<ProtocolError>;
