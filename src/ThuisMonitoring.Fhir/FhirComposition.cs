using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ThuisMonitoring.Abstractions.Notifications;
using Microsoft.Extensions.DependencyInjection;
using ThuisMonitoring.Fhir.Access;
using ThuisMonitoring.Fhir.Enrolment;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Reads;
using ThuisMonitoring.Fhir.Resources;
using ThuisMonitoring.Fhir.Subscriptions;
using ThuisMonitoring.Web.Hubs;

namespace ThuisMonitoring.Fhir;

/// <summary>Composition of the FHIR R4 adapter at <c>/fhir</c> (docs/fhir.md).</summary>
public static class FhirComposition
{
    public const string Path = "/fhir";

    public static IServiceCollection AddFhir(this IServiceCollection services, IConfiguration configuration)
    {
        var subscriptions = new SubscriptionOptions();
        configuration.GetSection(SubscriptionOptions.Section).Bind(subscriptions);
        services.AddSingleton(subscriptions);
        services.AddHttpClient(SubscriptionDelivery.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<SubscriptionOwner>();
        services.AddSingleton<FlagPushes>();
        services.AddHostedService<SubscriptionDelivery>();
        services.AddHostedService<FlagReconciliation>();

        // Every alert change still reaches the consoles, and becomes a Flag push for the matching subscriptions.
        services.AddSingleton<SignalRAlertNotifier>();
        services.Replace(ServiceDescriptor.Singleton<IAlertNotifier>(sp => ActivatorUtilities.CreateInstance<FlagChanges>(sp, sp.GetRequiredService<SignalRAlertNotifier>())));

        services.AddSingleton<PatientVisibility>();
        services.AddSingleton<FhirAudit>();
        services.AddSingleton<PatientData>();
        services.AddSingleton<DirectoryReads.Staff>();
        services.AddSingleton<BundleEnrolment>();
        return services;
    }

    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        var anonymous = app.MapGroup(Path).AddEndpointFilter<FhirErrors>();
        anonymous.MapGet("/metadata", Metadata.Answer);

        var fhir = app.MapGroup(Path).AddEndpointFilter<FhirErrors>().AddEndpointFilter<FhirCaller>();
        fhir.MapPost("", BundleEnrolment.PostAsync);
        fhir.MapGet("/Patient", PatientReads.SearchAsync);
        fhir.MapGet("/Patient/{id}", PatientReads.ReadAsync);
        fhir.MapGet("/Patient/{id}/$everything", PatientReads.EverythingAsync);
        fhir.MapGet("/EpisodeOfCare", PatientReads.SearchEpisodesAsync);
        fhir.MapGet("/EpisodeOfCare/{id}", PatientReads.ReadEpisodeAsync);
        fhir.MapGet("/Observation", ObservationReads.SearchAsync);
        fhir.MapGet("/Observation/{id}", ObservationReads.ReadAsync);
        fhir.MapGet("/Flag", AlertReads.SearchFlagsAsync);
        fhir.MapGet("/Flag/{id}", AlertReads.ReadFlagAsync);
        fhir.MapGet("/Communication", AlertReads.SearchCommunicationsAsync);
        fhir.MapGet("/Communication/{id}", AlertReads.ReadCommunicationAsync);
        fhir.MapGet("/Device", DirectoryReads.SearchDevicesAsync);
        fhir.MapGet("/Device/{id}", DirectoryReads.ReadDeviceAsync);
        fhir.MapGet("/Practitioner/{id}", DirectoryReads.ReadPractitionerAsync);
        fhir.MapGet("/Organization/{id}", DirectoryReads.ReadOrganizationAsync);
        fhir.MapPost("/Subscription", SubscriptionEndpoints.CreateAsync);
        fhir.MapGet("/Subscription/{id}", SubscriptionEndpoints.ReadAsync);
        fhir.MapDelete("/Subscription/{id}", SubscriptionEndpoints.DeleteAsync);

        // Anything else under /fhir: an OperationOutcome, never the API's problem details or the console.
        anonymous.MapFallback("/{**rest}", (HttpRequest request) =>
            Outcomes.Status(StatusCodes.Status404NotFound, $"{request.Method} {request.Path} is not supported; GET /fhir/metadata lists what is."));
        return app;
    }
}
