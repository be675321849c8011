using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Subscriptions;
using ThuisMonitoring.Fhir.Tests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.Fhir.Tests.Subscriptions;

/// <summary>
/// A hospital registers an R4 Subscription (rest-hook, Flag?patient=) and receives every change of the patient's Flags
/// at its own HTTP endpoint, signed (HMAC) and with a notification id: also when the endpoint was down for a while and
/// the host was restarted meanwhile. After de-duplication by notification id, each change arrives exactly once.
/// </summary>
public sealed class SubscriptionDeliveryTests
{
    [Fact]
    public async Task Every_flag_change_arrives_signed_once_despite_a_down_endpoint_and_a_restart()
    {
        using var receiver = new PushReceiver(FreePort.Next());
        receiver.Start();
        var data = Directory.CreateTempSubdirectory("thuismonitoring-fhir-push-").FullName;
        var ports = HostPorts.Free();
        var first = await HostProcess.StartAsync(data, ports, SubscriptionSteps.QuickRetries);
        string patientId;
        string secret;
        string firstOutput;
        try
        {
            using var admin = await first.LoginAsync();
            var clinician = await SubscriptionSteps.HireAsync(admin);
            var enrolled = await FhirHost.PostAsync(admin, "/fhir", EnrolmentBundles.Enrolment(clinician, EnrolmentBundles.NewBsn(), DateTimeOffset.UtcNow.AddHours(-1)));
            patientId = enrolled.Location!["Patient/".Length..];
            var (deviceId, deviceSecret) = await SubscriptionSteps.BindAsync(admin, patientId);

            var created = await FhirHost.PostAsync(admin, "/fhir/Subscription", SubscriptionSteps.Request(patientId, receiver.Url, "Authorization: Bearer ziekenhuis-token"));
            created.Status.Should().Be(HttpStatusCode.Created, created.Body);
            var subscription = created.As<Subscription>();
            Examples.Save("subscription-created", created.Body);
            subscription.Status.Should().Be(Subscription.SubscriptionStatus.Active);
            FhirValidation.ShouldBeValid(subscription);
            secret = subscription.Channel.Header.Single(h => h.StartsWith(PushSignature.SecretHeader, StringComparison.Ordinal))[(PushSignature.SecretHeader.Length + 1)..].Trim();
            (await FhirHost.GetAsync(admin, $"/fhir/Subscription/{subscription.Id}")).As<Subscription>().Channel.Header
                .Should().NotContain(h => h.Contains(secret, StringComparison.Ordinal), "the secret is shown once");

            // Raised while the endpoint is up: delivered at once.
            await using var oximeter = await Oximeter.ConnectAsync(first.MqttPort, deviceId, deviceSecret);
            await oximeter.PublishAsync(SubscriptionSteps.Low(DateTimeOffset.UtcNow.AddMinutes(-3), 87));
            await Eventually.GetAsync(() => Task.FromResult(receiver.Received.Count), n => n >= 1, "the first push");

            // Endpoint down: the alert repeats and is resolved; the pushes wait in the outbox, failing.
            receiver.Stop();
            await oximeter.PublishAsync(SubscriptionSteps.Low(DateTimeOffset.UtcNow.AddMinutes(-2), 86));
            var alertId = (await FhirHost.GetAsync(admin, $"/fhir/Flag?patient={patientId}")).As<Bundle>().Entry.Single().Resource.Id;
            using (var resolved = await admin.PostAsJsonAsync($"/api/alerts/{alertId}/resolve", new { outcome = "resolved-at-home", note = "Beter na rust" }))
            {
                resolved.StatusCode.Should().Be(HttpStatusCode.OK, await resolved.Content.ReadAsStringAsync());
            }

            await Eventually.GetAsync(() => Task.FromResult(SubscriptionSteps.QueuedIds(first.Output).Count), n => n >= 3, "three pushes queued");
            await Eventually.GetAsync(() => Task.FromResult(first.Output), o => o.Contains("not delivered (failure", StringComparison.Ordinal), "a failed delivery");
        }
        finally
        {
            firstOutput = first.Output;
            await first.StopAsync();
        }

        // Restarted on the same data while the endpoint is still down; then the endpoint comes back.
        var expected = SubscriptionSteps.QueuedIds(firstOutput);
        await using var second = await HostProcess.StartAsync(data, ports, SubscriptionSteps.QuickRetries);
        receiver.Start();
        await Eventually.GetAsync(
            () => Task.FromResult(receiver.Received.Select(r => r.NotificationId).ToHashSet()), ids => ids.IsSupersetOf(expected),
            $"every queued push ({string.Join(", ", expected)})", TimeSpan.FromSeconds(60));

        var distinct = receiver.Received.GroupBy(r => r.NotificationId).ToList();
        distinct.Select(g => g.Key).Should().BeEquivalentTo(expected, "each change arrives, and nothing that was not queued");
        distinct.Should().OnlyContain(g => g.Select(r => r.Body).Distinct().Count() == 1, "a repeat is the same push");
        foreach (var push in receiver.Received)
        {
            push.ContentType.Should().StartWith(FhirJson.MediaType);
            push.Signature.Should().Be(PushSignature.Of(secret, push.Body));
            push.Authorization.Should().Be("Bearer ziekenhuis-token");
            var flag = (Flag)FhirJson.Parse(push.Body, out _)!;
            flag.Subject.Reference.Should().Be($"Patient/{patientId}");
            FhirValidation.ShouldBeValid(flag);
        }

        Examples.Save("push-flag", receiver.Received.Last().Body);
        var versions = distinct.Select(g => (Flag)FhirJson.Parse(g.First().Body, out _)!).OrderBy(f => f.Meta.LastUpdated).ToList();
        versions.First().Status.Should().Be(Flag.FlagStatus.Active);
        versions.Last().Status.Should().Be(Flag.FlagStatus.Inactive);
        second.Output.Should().Contain("delivered to subscription");
        Directory.Delete(data, recursive: true);
    }
}
