using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Guarantees;
using ServiceExcellence.Application.Surveys;

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
        services.AddScoped<AlertRaiser>();
        services.AddScoped<AlertRouter>();
        services.AddScoped<AlertAccess>();
        services.AddScoped<Insight.InsightAccess>();
        services.AddScoped<GuaranteeAccess>();
        services.AddScoped<GuaranteeOpener>();
        return services;
    }
}
