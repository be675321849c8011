using Hl7.Fhir.Model;
using ThuisMonitoring.Abstractions.Subscriptions;
using ThuisMonitoring.Fhir.Resources;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>A registered subscription as an R4 Subscription; the signing secret is shown only in the answer to its creation.</summary>
internal static class SubscriptionResource
{
    public static Subscription From(FhirSubscriptionRecord record, bool withSecret)
    {
        var headers = record.Headers.ToList();
        if (withSecret)
        {
            headers.Add($"{PushSignature.SecretHeader}: {record.Secret}");
        }

        return new Subscription
        {
            Id = record.SubscriptionId,
            Status = record.Active ? Subscription.SubscriptionStatus.Active : Subscription.SubscriptionStatus.Off,
            Reason = record.Reason ?? "Flags of monitored patients",
            Criteria = record.Criteria,
            Channel = new Subscription.ChannelComponent
            {
                Type = Subscription.SubscriptionChannelType.RestHook,
                Endpoint = record.Endpoint,
                Payload = "application/fhir+json",
                Header = headers,
            },
        }.Stamped(record.CreatedAt);
    }
}
