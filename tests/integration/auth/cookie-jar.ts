/** The few cookie rules a redirect-following test needs: name=value, replaced or cleared by Set-Cookie. */
export class CookieJar {
  private readonly values = new Map<string, string>();

  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") this.values.delete(name);
      else this.values.set(name, value);
    }
  }

  get(name: string) {
    return this.values.get(name);
  }

  header() {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}
