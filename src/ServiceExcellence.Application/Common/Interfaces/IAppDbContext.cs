using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.Insight;
using ServiceExcellence.Domain.Integrations;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Privacy;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.Domain.Webhooks;

namespace ServiceExcellence.Application.Common.Interfaces;

/// <summary>
/// The database as the use cases see it. Handlers query and change it directly (no repositories);
/// the transaction behaviour saves and commits once per command.
/// </summary>
public interface IAppDbContext
{
    DbSet<Client> Clients { get; }
    DbSet<Contact> Contacts { get; }
    DbSet<Team> Teams { get; }
    DbSet<TeamMembership> TeamMemberships { get; }
    DbSet<Person> People { get; }
    DbSet<ServiceLine> ServiceLines { get; }
    DbSet<Transaction> Transactions { get; }
    DbSet<SurveyInvitation> SurveyInvitations { get; }
    DbSet<SurveyLinkToken> SurveyLinkTokens { get; }
    DbSet<Rating> Ratings { get; }
    DbSet<RatingFailureCategory> RatingFailureCategories { get; }
    DbSet<FailureCategory> FailureCategories { get; }
    DbSet<OutboxMessage> OutboxMessages { get; }
    DbSet<Alert> Alerts { get; }
    DbSet<AlertRouting> AlertRoutes { get; }
    DbSet<AlertTrigger> AlertTriggers { get; }
    DbSet<AlertAuditEntry> AlertAudit { get; }
    DbSet<AlertComment> AlertComments { get; }
    DbSet<AlertRule> AlertRules { get; }
    DbSet<RoutingRule> RoutingRules { get; }
    DbSet<ImprovementInitiative> Initiatives { get; }
    DbSet<GuaranteeInvocation> GuaranteeInvocations { get; }
    DbSet<GuaranteeAuditEntry> GuaranteeAudit { get; }
    DbSet<WebhookEndpoint> WebhookEndpoints { get; }
    DbSet<WebhookDelivery> WebhookDeliveries { get; }
    DbSet<PrivacyAuditEntry> PrivacyAudit { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<TransactionImport> TransactionImports { get; }
    DbSet<InsightDay> InsightDays { get; }
    DbSet<InsightPoorHour> InsightPoorHours { get; }
    DbSet<InsightFailure> InsightFailures { get; }
    DbSet<InsightAlertDay> InsightAlertDays { get; }
    DbSet<InsightAlertCategory> InsightAlertCategories { get; }

    /// <summary>
    /// The open alerts routed to any of <paramref name="teamIds"/> (by the routes' copy of the alert's status), as a
    /// query to filter, order and page further: the provider's own SQL for the team queues' hottest question.
    /// </summary>
    IQueryable<Alert> OpenAlertsRoutedTo(IReadOnlyCollection<Guid> teamIds);

    DatabaseFacade Database { get; }

    ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
