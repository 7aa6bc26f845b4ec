using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.Ratings;

namespace ServiceExcellence.Application.Alerts;

/// <summary>
/// Runs the rating rules inside the command that records the rating, and raises, routes and announces the
/// alert in the same database transaction — so a rating is never stored without its alert.
/// </summary>
public sealed class AlertRaiser(IAppDbContext db, AlertRouter router, IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertRaiser> logger)
{
    /// <summary>
    /// Raises at most one alert per rating; returns it, or null when no rule fired. A rating being stored now
    /// (<paramref name="isNew"/>) cannot have an alert in the database yet, so only an edited one that fires a rule is looked up.
    /// </summary>
    public async Task<Alert?> RaiseForRatingAsync(Rating rating, bool isNew, CancellationToken cancellationToken)
    {
        if (db.Alerts.Local.Any(a => a.RatingId == rating.Id))
        {
            return null;
        }

        var rules = await db.AlertRules.AsNoTracking().Where(r => r.IsEnabled).ToListAsync(cancellationToken);
        var categoryIds = rating.FailureCategories.Select(c => c.FailureCategoryId).ToList();
        var categories = categoryIds.Count == 0
            ? []
            : await db.FailureCategories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToListAsync(cancellationToken);
        var fired = RatingRules.Evaluate(rating, rules.Where(r => !r.Kind.IsTrend() && r.Kind != AlertRuleKind.GuaranteeInvoked).ToList(), categories);
        // Most answers fire no rule: only an edited answer that does is checked for the alert its first answer raised.
        if (fired.Count == 0 || (!isNew && await db.Alerts.AnyAsync(a => a.RatingId == rating.Id, cancellationToken)))
        {
            return null;
        }

        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == rating.ClientId, cancellationToken);
        var serviceLine = await db.ServiceLines.AsNoTracking().SingleAsync(s => s.Id == rating.ServiceLineId, cancellationToken);
        var revenueAtRisk = client.AnnualRevenue * options.Value.WeightOf(rating.Overall);
        var alert = new Alert(
            $"{client.Name}: rated {serviceLine.Name} {rating.Overall}/5", client.Id, serviceLine.Id, rating.TransactionId, rating.Id,
            revenueAtRisk, fired, clock.GetUtcNow());
        db.Alerts.Add(alert);
        await router.RouteAndNotifyAsync(alert, client, serviceLine, categories, cancellationToken);
        logger.LogInformation("Alert {AlertId} raised for rating {RatingId}: {Severity}", alert.Id, rating.Id, alert.Severity);
        return alert;
    }

    /// <summary>
    /// Raises the alert of a new guarantee invocation from the enabled guarantee rules (critical by default), routed like a
    /// rating's alert with the transaction's service line when there is one. Its subject key links it to the invocation.
    /// </summary>
    public async Task<Alert?> RaiseForGuaranteeAsync(GuaranteeInvocation invocation, CancellationToken cancellationToken)
    {
        var rules = await db.AlertRules.AsNoTracking().Where(r => r.IsEnabled && r.Kind == AlertRuleKind.GuaranteeInvoked).ToListAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return null;
        }

        var client = await db.Clients.AsNoTracking().SingleAsync(c => c.Id == invocation.ClientId, cancellationToken);
        var serviceLine = invocation.TransactionId is { } transactionId
            ? await (from t in db.Transactions where t.Id == transactionId join s in db.ServiceLines on t.ServiceLineId equals s.Id select s)
                .AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            : null;
        var amounts = FormattableString.Invariant($"pays {invocation.ChosenAmount:0.00} of {invocation.InvoicedAmount:0.00} {invocation.Currency}");
        var fired = rules.Select(r => (r, $"guarantee invoked by {invocation.Channel}: {amounts}")).ToList();
        var alert = new Alert(
            $"{client.Name}: guarantee invoked ({amounts})", client.Id, serviceLine?.Id, invocation.TransactionId, null,
            client.AnnualRevenue * options.Value.WeightGuarantee, fired, clock.GetUtcNow(), GuaranteeSubject(invocation.Id));
        db.Alerts.Add(alert);
        await router.RouteAndNotifyAsync(alert, client, serviceLine, [], cancellationToken);
        logger.LogInformation("Alert {AlertId} raised for guarantee invocation {InvocationId}: {Severity}", alert.Id, invocation.Id, alert.Severity);
        return alert;
    }

    /// <summary>The subject key of the alert raised for an invocation.</summary>
    public static string GuaranteeSubject(Guid invocationId) => $"guarantee:{invocationId}";
}
