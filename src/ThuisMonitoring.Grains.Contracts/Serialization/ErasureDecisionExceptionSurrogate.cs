using ThuisMonitoring.Domain.Privacy;

namespace ThuisMonitoring.Grains.Contracts.Serialization;

/// <summary>
/// Carries a refused erasure decision's <see cref="ErasureDecisionException.SamePerson"/> (the requester tried to
/// approve their own request) across a grain call; Orleans' exception codec would keep only its type and message.
/// </summary>
[GenerateSerializer]
public struct ErasureDecisionExceptionSurrogate
{
    [Id(0)] public string Message;
    [Id(1)] public bool SamePerson;
}

[RegisterConverter]
public sealed class ErasureDecisionExceptionConverter : IConverter<ErasureDecisionException, ErasureDecisionExceptionSurrogate>
{
    public ErasureDecisionException ConvertFromSurrogate(in ErasureDecisionExceptionSurrogate surrogate) => new(surrogate.Message, surrogate.SamePerson);

    public ErasureDecisionExceptionSurrogate ConvertToSurrogate(in ErasureDecisionException value) => new() { Message = value.Message, SamePerson = value.SamePerson };
}
