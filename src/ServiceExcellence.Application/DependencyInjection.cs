using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.ApiKeys;
using ServiceExcellence.Application.Guarantees;
using ServiceExcellence.Application.Integrations;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Application.Webhooks;

namespace ServiceExcellence.Application;

public static class DependencyInjection
{
    /// <summary>Validators, the services use cases share, and their options. Handlers are wired by the mediator's source generator.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatorsFromAssemblyContaining<SurveyInviter>(ServiceLifetime.Scoped, includeInternalTypes: true);
        services.Configure<SurveyOptions>(configuration.GetSection(SurveyOptions.Section));
        services.AddLocalization();
        services.AddScoped<SurveyInviter>();
        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.Configure<Privacy.PrivacyOptions>(configuration.GetSection(Privacy.PrivacyOptions.Section));
        services.AddScoped<AlertRaiser>();
        services.AddScoped<AlertRouter>();
        services.AddScoped<AlertAccess>();
        services.AddScoped<Insight.InsightAccess>();
        services.AddScoped<GuaranteeAccess>();
        services.AddScoped<GuaranteeOpener>();
        services.AddScoped<WebhookEvents>();
        services.AddScoped<ApiKeyAuthenticator>();
        services.AddScoped<TransactionIngestor>();
        return services;
    }
}
