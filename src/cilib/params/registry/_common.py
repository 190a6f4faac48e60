"""What several topic modules of the registry share: the population label of US figures."""

#: Population of the records that describe United States births.
US = "United States births"
