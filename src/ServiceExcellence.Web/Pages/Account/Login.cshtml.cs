using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ServiceExcellence.Infrastructure.Identity;

namespace ServiceExcellence.Web.Pages.Account;

/// <summary>Staff sign-in: lockout per account after 5 failures, and a limit of POSTs per address (<see cref="Composition.SignInPolicy"/>).</summary>
[EnableRateLimiting(Composition.SignInPolicy)]
public sealed class LoginModel(SignInManager<StaffUser> signIn, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public SignInForm Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class SignInForm
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(254)]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(128)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        public bool RememberMe { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Staff sign-in succeeded");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Staff sign-in refused: account locked out");
            ModelState.AddModelError(string.Empty, "Too many failed attempts, or the account is disabled. Try again in 5 minutes or ask an administrator.");
        }
        else
        {
            logger.LogInformation("Staff sign-in failed");
            ModelState.AddModelError(string.Empty, "The email or password is not correct.");
        }

        return Page();
    }
}
