/// The kernel's logo in the notebook's launcher and kernel menu: a small network on a dark
/// square, as SVG (JupyterLab) and as 32 and 64 pixel PNGs (the classic notebook), the PNGs
/// rendered once from the SVG and kept here as Base64.
enum KernelLogo {
  static let svg =
    ##"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 6"##
    + ##"4"><rect x="2" y="2" width="60" height="60" rx="12" fill="#1f3b57"/><g stroke="#"##
    + ##"9cc3e6" stroke-width="2"><path d="M16 20L32 14M16 20L32 32M16 20L32 50M16 44L32 "##
    + ##"14M16 44L32 32M16 44L32 50M32 14L48 32M32 32L48 32M32 50L48 32"/></g><g fill="#f"##
    + ##"2b134"><circle cx="16" cy="20" r="5"/><circle cx="16" cy="44" r="5"/></g><g fill"##
    + ##"="#ffffff"><circle cx="32" cy="14" r="5"/><circle cx="32" cy="32" r="5"/><circle"##
    + ##" cx="32" cy="50" r="5"/></g><circle cx="48" cy="32" r="6" fill="#e4572e"/></svg>"##

  static let pngs: [(Int, String)] = [(32, png32), (64, png64)]

  static let png32 =
    "iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAABmJLR0QA/wD/AP+gvaeTAAAE60lEQVRY"
    + "hcWWbUyVZRzGf89zkMPLeUE6vIikpqhIKCoZkZvGSxsHEFYLcegymQ2dVq6tZd/a+uDWVluj5Uulsaml"
    + "uBUMhBLFbExagfgCYip59BwEVIRzHl7OgfOcPgAn4JwTPOb0+nbf9/7Xdd3/57nv64anDGH8IMZoVDt6"
    + "9UWC4CoA4oHgx6TTB1xxuTjir7ceuFFVZfcwEJ2cN1slipVAwmMS9YUmpyxnm8+XWgBEGNn5ExIHWK4S"
    + "xYoYo1HtNuDo1RcpFddpginISaMgJw2tJkixiSGr7m0AP0ZsbMSlTLzy0B6enRUOwLZNuWQV7sYm9Ssx"
    + "sRH4UgQQXK44JZXr0l92iwPMiQpnXWqyEgoY+clHOwCayatatUxGrARAVasGyS4CED13HvEJKzzYZJeC"
    + "Fo7T9PO2olXLlL51h9n6YQC2JveypyWPxSvXoFKp+LXhCukvLCRsphaAnv4hfrvQqtQAPg0Yl0hucYAo"
    + "nYPU+Q848ONxzKZbqFR+xC9PZMByle4H9+kcUJH9xiZK9hUzODjw/w146+alxkbMppEdJ76UjNls5ofv"
    + "jv1LpA5i/eZCjnyzH6dz2JPAB0Rvk9WtGsw9M9xjSYxEn/QeGo0Of3UAq1PSqa0+OaHm1MkyJJuN3PwC"
    + "BFGYTOkTAsDc1fkee9aoZTJi+wh9xoB+1Ts0NF1l6cpV3DG1MTw8TPnxox5kKpUfG7cW0WGx8EvFT1OK"
    + "m+qOCV47ACDZRU5c1HLgjJ07nT1IkpWayjKeX7aCwYEBQrQaj4vI6RzmeMlBFsyfzyfxAZTPuk7ZrOts"
    + "19/DT/B+Snx2YDwiIqMo2FrEjdarCKJIuMHAjpyVzNQEAHC7vWvCRbQr3Eqev2UCx2Gbgb29YdPvwHh0"
    + "drRz869rxC1NoKayHPvdVrc4jFxEu7ZtYfXaVFavTSUj8KEHR2Zwj1dur6dgKsiy7DGnmuGPOmg0vb3s"
    + "y+mjx9MyEBEZxYJFi2m5fJH0rBwCDQa6bYOEake6YLJ08lnxfvcnWBauJ89fmsDxc7/+0Q2kZGRSV1tD"
    + "n03i9YI3+b3uHCl5B8lMTQKg4sx5t3hAQCD2De9Te/orlnZfBqC6P4SvrQZlBsayINQQhi4ihK67OpLX"
    + "pNF86QIBgYH0ShLfl5+eUKNS+bF+cyE329rY2zwILJxyc9PIgntIwsd0z3mXb4s/xzHkYMcHHxERGUVn"
    + "R7u7RhAFcvMLkGw2Tp0sm1J4DF5PweQs0Mid2P74Akmy4rAPUldbQ0pG5oSaVzNz0Wi1lB07ikuefjJO"
    + "OwviEhKJfujAbLpFQ/151qSksbNwA93379ExoOK5mEWU7CtWlAM+DVS3aihM6iE6ZAgAi1XN2b9DyXpt"
    + "JI7brl0hP2k2YTNjAejtH8K45UPFSejTgM0uklcSTUZs36ihYCR7PWfP1RM9dx47t+S73wIA+qAZvJK4"
    + "hKOWdm90/4mxf0CavDCWBScuat2vIQCz6RaXGv/0IHqEF5HVbcAlCC1KKivO1HO7vcs9Nlk6qaytV2qg"
    + "BcY+gew6jMCL0620Sn1kFe4me/QhOv4iUoAjMJqGMUajesiqqweWK2V5RDRpeuSk5uZShwhwo6rK7pTl"
    + "bKDpSYg7ZTm7ubnUAaAam7WaW2zRurhDjgChCwgFQgD/xyQqgdAAfKrpkbffbCz1ns1PA/8AGvXZvU9z"
    + "W54AAAAASUVORK5CYII="

  static let png64 =
    "iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAAABmJLR0QA/wD/AP+gvaeTAAALN0lEQVR4"
    + "nO2baVSU1xnHf+8szIxhGXZkE1GMIggqigjGxOISTV0SFRI9JC6pifY0sT2x/dDURtumzUlOmqT2HKsx"
    + "rTGu0QSjcTduiCAoO64ogoiCCMMqzLxvPximIDPMDM7Qmub/Ce7y3v/932fu+zz3uS/8iP9vCNY0Ck2Y"
    + "E6wXZTOQMU2QCAECgSccysx2NALlksB1QWKPQi6kXj2xtcxSp24FCIybE6AQZL+TBBYBcnsx7SWIAuzE"
    + "IKy4fmbrdXONzAoQMm7uTEkUPgecHcGuF1EvIswvS9u621SlyVUNTkh6A0nYAKgcSq13oBIgyS0osrau"
    + "rCDj4couFvD9yu8EZL1Cr/cgigizHraETgIExM4LVCj0xTz+Zm8O9SLC4LK0rRXtBZ1WWaHUr+KHO3kA"
    + "FxnSOx0LjBYQmjAn2CDJSuiF3X7iuBgWJ00lcvAAAPKKr7J+614Op2U7emgAg16vCLmZ8UU5dJisS+Cw"
    + "lwWBqY4e/devv8Sq5QsI9PNGqVCgVCgI7OvN9InxKBUKTmcXOJqCTCaXSupuFJyFDj8BQRCfdfTIE8fF"
    + "8Pq86Wbrl6XM5CdjRziaBkiScaE77AHCQEePuzjJsoEtTp7maBoAA9r/6LgJ+jl61IgnQy22GTbYchs7"
    + "IKD9j44COHT3d1Kpkcss76+S5EgWRhjnquhJ72fCGkmJqWWoXysABZUqNmZqOXa1T6d2gkygX/+BDBs5"
    + "iiGRUdxrkehrwbfMu1DSE0o9hs0CvDm+hkWx9zqVjQpqZlRQM+vS3fn4pAeubloio0cwfHQc7p5exnYn"
    + "8q6TNG5Qt89fv22PrZQeCTYJ8ExYY5fJd8Srcfdwj5yFIWgGgvDAxdDV1ZGfk03O2XRqqqupXTqfJS89"
    + "Z7J/TlkDTXI3Wyg9MmwSICWm1mKbp9yzOGx4jkvFBeSfy+LKhWJESTTWZ16rI7SohgHuMny1agByi65y"
    + "MKOYwIixJE6dTlNDA3nns2ycSs9gkwDh3//mu4NrSxEfvP82rfdbutS5uLoyKi6B0rstrFz1IRXlnc8r"
    + "xoyrZuK0GTw3O4m6ulpKS67YQq9HsHvEZ9CLJicP8FTiFJROThQX5HaZPMCZk8fIOHUcuVzB3JSF+Pr5"
    + "25teF9gkQGGl5eOBojsak+UeXt5Ex4xGlESOHdpntv+hvankn89Crdbw4sIluLm720LRZtgkwMZMrcU2"
    + "Vf6LTK7chMnTkMnk5GSe4e6dO2b7S5LENzu3UnLlEi6urry44GeoNaZFtQdsEuDY1T6sSze/IjmymTR4"
    + "J7Jg6RtEjRxtLPcPDGJwxDDaWls5ceSAxXEMegM7N/2TO5W38PbxY27KQuTyHrksFmF0zbTBEb+3pkPG"
    + "DQ1FlSq8nA249xFpEwUqxIHka5exI8eN25UVBAaH8OTQSNw9vbh26SLTZifj4elFxsljXCjMt4qYXq/n"
    + "cnEB4ZFR+PYNwNPHhwuFeWAnT7GurPAd6HAe0C8+qceP9g8MYuGy5ejb2ljz/h8JDRvMszNeQOnkhK72"
    + "Hq5ad1qam/nkvdW0NDfb9GxfP39SXvs5arWGjFPHObjn657S7ITStG0C9MACTKFep8Pbzw8//wCcVGpO"
    + "Hj3IxaIC+g0YiIenNwDFBbkU5Jyz+dmNDfXcvFFKRPQIgkJCEVuaiL2Xw3Ltbd7Q3ibF9S7jNA2oBInL"
    + "rWpE61IdRguwiwAAt29VEDNmLH7+ARTmnudu1R1ampsZEhEFgG9ff9zdPbh2+RIT4ofz7orFrPrlQpal"
    + "zGLcqGHU6hooKbtlmuy9Gu7erWJ4SCDJhZ8yXizHW65HKUgoBQlvuZ44dQPxmnrSWlxokixvbXYXoLmp"
    + "CVc3Lf6BwTi7uHCxsIDZ815B0+cJinJz0Hp44B8UzJLkySxNmmTziVDt7VssubkLr/qbZjl4yg2MVDey"
    + "t1Fr0RLaBbCrI3Ti8H7aWlsZEhHFszOex8PLm5rqKr7atolP13yIVt7MmEG+Zvt3dyI00+Ue/q3VFjmE"
    + "Ke8zw9l8vPIw7CpAvU5HZvopBEFgROxYAI4e2IsoGqi6XUlQH8uutLkTocmaOqt5TOqjs7qt3V+up48d"
    + "ZuToONQaDRXlZVwoyDPWDR0UYrF/TFQ4b//5wy7lYWtnQZt1HPor71tL9weX/QFsO1WyuwXEP51odF39"
    + "A4MYEhFFUX4OAAUXrxEbPaTb/mdzilj9m9Vdyvv5SAxxso7Ddb31KU27WkB7uCtJEucyTgPwzOSpyGRy"
    + "vH39KGu2TMzcidD+JstxSDsONrla3dauAnQMd/el7qKmugoPL29mJc1n0bLl1Bk0pF+8bbb/J//axdHT"
    + "503WpTZouanytMjhcpuKrxutjyDtJoAx3BUNfHfgW0TRwPHD+wEIj4pG6eREXnYmL7/2FotWvEf6uUIa"
    + "m1tobG7hdHYhC1f8hQ/WbTf7/LCo4VxK/gidl/lj88ttKt6qDkYvWecNgh33gHZTP5eZTk11Fd6+fiRM"
    + "mGiszz+fReqOLQAcOX2OI6etd4v7hQ5k5tx53Jcr+INzIn2vpDKpj86425e0qTjU5MrXje42TR7sJED7"
    + "ZtfW2sqJw/uJGjm6SzAUNngoao2mR8FQezicceo4aadOAh582eBhD+r2yQtUCXCjLYuvzjbzVOIURoyO"
    + "AyDvfBb7du1gzsuLCB04iLFPJ3J03zdWj+Pq5kbyK4tRqzUU5p3n0LepPaHbLWzeA94cX8PHsyqJCWpB"
    + "oxTRKEWCFVdJaFhNytBLjBgdR1trK7t3bCF12xe0trXy3f49SJLE6LgEXFyt26HVag0vLliCq9ad0mtX"
    + "SN22GUm0f9rIJgEs5QWixN04Vx3is79/RG52prG8oryM4oJclE5OPJU4xeI4coWc2fMX4OPXl6o7lWzf"
    + "uAGDQW8LVathkwDW5AW8KzZwu7KiS/l3+/ciGgxEj4rFy8d8QCQIAj99IZn+A8Oo1+nYvOEfNu8btsAm"
    + "AazJCwz1bTJZXnO3mpzsTGSCjPETzVvBxGkziBweQ0tLM1s2rEVXa31k1xPYPRYQZAqcVGqTdR3DZf/A"
    + "oC71Y8Y9TWzCeAwGPds3mrYke8Omt0BhpYpRQd2bo04dzq/eXmkyNdYeLr/0/FQ2f/RbfNweCJVXfJUD"
    + "GUUEhI9FkiT2fLmtV7JCYKMAGzO1FgU4cS8GuYuc8MhowiOjuyRH4wa4kziks6s6Zng4Y4aHk1vWwJ/W"
    + "fN5reUGwUYD2vMCrcaZ/l2vT3fnbyWO4uuV0So/Hj59A/PgJuNDA3IQws8+PCnLGWay3bQaPCLvkBc6V"
    + "a3j3iCc7ch6ktu/fb6Gs9Bpnz5yitOQqCA9ihSnRgTiru78l4uOpZee+E48wJetg17yANXBSqcn7dh1q"
    + "lbLbdo1NzQydtMCRVID/5AU6vgUaHDlg6/0WDKLBYrteuiNkPDTsKIDD3zn5Vtz/6aU7QqbuCksOH3n9"
    + "1r2W2/TOHSHjXDtelLTM7hFxOC2bNRvN5/a6OxGyJwQJo8rGLdmrf+QtUeIXOPik+HR2AfkXSvDx1OKh"
    + "daVNrycr7yIr//oZm1OPOHLoduj1BsXS+pv5Onjoe4F+8UnrgUW9weK/BQnW3kjb9lr7/51W2yCKK4He"
    + "9UR6FzpBpuz0vUAnAcrTd9wEkgDL76vHD6IkSPNLT27qlILu4pbVlRVecQuKrBUEJmPld4WPAURJ4s0b"
    + "ads/f7jC7ASD4pOny5A2AS4OpeZ46CSBeTdOmX6/mnXMdWUFF71DwtdLoAJhJI9fHlFEYhNy5cwbp7aY"
    + "PYO3ysQDYucFKpSGGUjSNKA/Dz6d/V/7uKoBKAdKENirb1Psbv8u6Ef8CPP4N2gaLADnO+YFAAAAAElF"
    + "TkSuQmCC"
}
