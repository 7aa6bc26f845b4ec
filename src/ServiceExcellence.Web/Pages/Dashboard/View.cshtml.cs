using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Common;
using ServiceExcellence.Application.Insight;

namespace ServiceExcellence.Web.Pages.Dashboard;

/// <summary>
/// One dashboard: the company, a team, a client or a service line over a date range, against the previous period;
/// trends, failure analysis, key drivers and revenue at risk; CSV exports of what it counts. A scope the person may
/// not see is 404 (the company dashboard 403), as the alert queues are.
/// </summary>
public sealed class ViewModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ScopeKind Scope { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public GetDashboard.Model? Dashboard { get; private set; }

    public GetFailureAnalysis.Model? Failures { get; private set; }

    public string ScopePath => Scope == ScopeKind.Company ? "/Dashboard/Company" : $"/Dashboard/{Scope}/{Id}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ValidScope())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            // An unreadable date stays in the form with its message; nothing is computed.
            return Page();
        }

        try
        {
            Dashboard = await mediator.Send(new GetDashboard.Query(Scope, Id, From, To), cancellationToken);
            Failures = await mediator.Send(new GetFailureAnalysis.Query(Scope, Id, From, To), cancellationToken);
            (From, To) = (Dashboard.Range.From, Dashboard.Range.To);
        }
        catch (ValidationException invalid)
        {
            foreach (var error in invalid.Errors)
            {
                ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
        }

        return Page();
    }

    /// <summary>Streams one of the exports (<c>ratings</c>, <c>alerts</c>, <c>guarantees</c>) as CSV.</summary>
    public async Task<IActionResult> OnGetExportAsync(string what, CancellationToken cancellationToken)
    {
        if (!ValidScope() || !ModelState.IsValid)
        {
            return NotFound();
        }

        Csv.Export export;
        try
        {
            export = what switch
            {
                "ratings" => await mediator.Send(new ExportRatings.Query(Scope, Id, From, To), cancellationToken),
                "alerts" => await mediator.Send(new ExportAlerts.Query(Scope, Id, From, To), cancellationToken),
                "guarantees" => await mediator.Send(new ExportGuarantees.Query(Scope, Id, From, To), cancellationToken),
                _ => null!,
            };
        }
        catch (ValidationException invalid)
        {
            return BadRequest(string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage)));
        }

        if (export is null)
        {
            return NotFound();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = export.FileName, DispositionType = "attachment" }.ToString();
        await Csv.WriteAsync(export, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    public string ExportLink(string what) =>
        $"{ScopePath}?handler=Export&what={what}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";

    private bool ValidScope() =>
        ModelState.GetFieldValidationState(nameof(Scope)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
        && Enum.IsDefined(Scope) && (Scope == ScopeKind.Company) == (Id is null);
}
