using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Domain.Calls;

/// <summary>
/// The patient pressed "Bel mij" in the app: an orange <c>call-requested</c> finding, so the centre calls back within
/// the protocol's orange response time. Pure: the grain applies it to the episode like any other evaluation.
/// </summary>
public static class CallRequest
{
    public static Evaluation Evaluate(DateTimeOffset at, ProtocolDocument protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return new Evaluation(
            new Measurement(at), Level.Orange,
            [new Finding(ReasonCodes.CallRequested, Level.Orange, "patient", null)], 0, protocol.Id);
    }
}
