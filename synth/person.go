package synth

import (
	"fmt"
	"strings"
)

// person is the subject of a report.
type person struct {
	name      string
	male      bool
	birth     date
	id        string
	reg       region
	marital   string
	spouse    *spouse
	mobiles   []string
	edu       string
	degree    string
	job       string
	email     string
	postAddr  string
	homeAddr  string
	regAddr   string
	employers []employer
}

type spouse struct {
	name, id, company, tel string
}

type employer struct {
	name, addr, tel, nature, industry string
}

// idCheckDigit is the ISO 7064 MOD 11-2 check character of an 18-digit
// resident ID number (GB 11643).
func idCheckDigit(first17 string) byte {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(first17[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11]
}

// idNumber is a valid resident ID number: region, birth date, a sequence
// whose last digit is odd for men and even for women, and the check digit.
func idNumber(r rnd, reg string, birth date, male bool) string {
	g := r.n(5) * 2
	if male {
		g++
	}
	s := fmt.Sprintf("%s%04d%02d%02d%02d%d", reg, birth.Y, birth.M, birth.D, r.n(100), g)
	return s + string(idCheckDigit(s))
}

var mobilePrefixes = []string{
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
	"157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187",
	"188", "189", "191", "198", "199",
}

func mobile(r rnd) string { return pick(r, mobilePrefixes) + r.digits(8) }

func personName(r rnd, male bool) string {
	given := femaleGiven
	if male {
		given = maleGiven
	}
	n := pick(r, surnames) + pick(r, given)
	if r.pct(65) {
		n += pick(r, given)
	}
	return n
}

func homeAddress(r rnd, reg region) string {
	return fmt.Sprintf("%s%s%d号%s%d号楼%d单元%d%02d室", reg.prefix(), pick(r, roads), r.between(1, 300),
		pick(r, compounds), r.between(1, 30), r.between(1, 6), r.between(1, 33), r.between(1, 4))
}

func officeAddress(r rnd, reg region) string {
	return fmt.Sprintf("%s%s%d号%s大厦%d层", reg.prefix(), pick(r, roads), r.between(1, 500),
		pick(r, companyWords), r.between(1, 40))
}

func landline(r rnd, reg region) string {
	n := 8
	if len(reg.tel) == 4 {
		n = 7 + r.n(2)
	}
	return reg.tel + "-" + fmt.Sprint(r.between(2, 8)) + r.digits(n-1)
}

func newEmployer(r rnd, reg region) employer {
	e := employer{addr: officeAddress(r, reg), tel: landline(r, reg)}
	switch r.weighted(55, 12, 10, 8, 8, 7) {
	case 0:
		e.name = reg.citySh() + pick(r, companyWords) + pick(r, companySuffixes)
		e.nature = pickW(r, []choice[string]{{60, "个体、私营企业"}, {40, "其他（包括三资企业、民营企业、民间团体等）"}})
		e.industry = pick(r, industries)
	case 1:
		b := pick(r, banks)
		e.name = b.full + reg.citySh() + "分行"
		e.nature, e.industry = "国有企业", "金融业"
	case 2:
		e.name = reg.city + pick(r, []string{"第一人民医院", "第二人民医院", "第三人民医院", "中心医院", "中医医院"})
		e.nature, e.industry = "机关、事业单位", "卫生和社会工作"
	case 3:
		e.name = reg.city + reg.district + pick(r, []string{"人民政府", "教育局", "税务局", "市场监督管理局", "住房和城乡建设局"})
		e.nature, e.industry = "机关、事业单位", "公共管理、社会保障和社会组织"
	case 4:
		e.name = reg.city + pick(r, []string{"第一中学", "实验小学", "外国语学校", "职业技术学院"})
		e.nature, e.industry = "机关、事业单位", "教育"
	default:
		e.name = pick(r, []string{"华为技术有限公司", "腾讯科技（深圳）有限公司", "中国移动通信集团", "国家电网有限公司",
			"中国石油化工股份有限公司", "京东集团", "阿里巴巴（中国）有限公司", "中国建筑第八工程局有限公司"})
		if !strings.HasSuffix(e.name, "公司") {
			e.name += reg.citySh() + "分公司"
		}
		e.nature = pickW(r, []choice[string]{{60, "国有企业"}, {40, "其他（包括三资企业、民营企业、民间团体等）"}})
		e.industry = pick(r, industries)
	}
	return e
}

func (b *builder) newPerson() *person {
	r := b.r
	p := &person{reg: pick(r, regions), male: r.pct(54)}
	age := r.between(22, 60)
	if r.pct(60) {
		age = r.between(25, 45)
	}
	p.birth = r.dateIn(mkDate(b.R.Y-age-1, b.R.M, b.R.D).addDays(1), mkDate(b.R.Y-age, b.R.M, b.R.D))
	p.name = personName(r, p.male)
	p.id = idNumber(r, p.reg.code, p.birth, p.male)

	switch {
	case age < 26:
		p.marital = pickW(r, []choice[string]{{75, "未婚"}, {20, "已婚"}, {5, "未知"}})
	case age < 35:
		p.marital = pickW(r, []choice[string]{{35, "未婚"}, {57, "已婚"}, {4, "离婚"}, {4, "未知"}})
	default:
		p.marital = pickW(r, []choice[string]{{8, "未婚"}, {76, "已婚"}, {9, "离婚"}, {2, "丧偶"}, {5, "未知"}})
	}
	if p.marital == "已婚" && r.pct(85) {
		sb := r.dateIn(p.birth.addDays(-5*365), p.birth.addDays(5*365))
		reg := p.reg
		if r.pct(30) {
			reg = pick(r, regions)
		}
		p.spouse = &spouse{name: personName(r, !p.male), id: idNumber(r, reg.code, sb, !p.male), tel: mobile(r)}
		if r.pct(80) {
			p.spouse.company = newEmployer(r, p.reg).name
		} else {
			p.spouse.company = "--"
		}
	}

	p.edu = pickW(r, educations)
	switch p.edu {
	case "研究生":
		p.degree = pickW(r, []choice[string]{{75, "硕士"}, {15, "博士"}, {10, "未知"}})
	case "本科":
		p.degree = pickW(r, []choice[string]{{85, "学士"}, {15, "未知"}})
	default:
		p.degree = pickW(r, []choice[string]{{40, "无"}, {20, "其他"}, {40, "未知"}})
	}
	p.job = pickW(r, jobs)
	if r.pct(35) {
		if r.pct(50) {
			p.email = r.digits(r.between(6, 10)) + "@qq.com"
		} else {
			p.email = strings.ToLower(r.upper(r.between(3, 8))) + r.digits(r.between(0, 4)) + "@" + pick(r, emailDomains)
		}
	}
	p.homeAddr = homeAddress(r, p.reg)
	p.postAddr = p.homeAddr
	p.regAddr = homeAddress(r, p.reg)
	for range r.weighted(0, 40, 30, 15, 10, 5) {
		p.mobiles = append(p.mobiles, mobile(r))
	}
	for range r.weighted(10, 40, 25, 15, 7, 3) {
		p.employers = append(p.employers, newEmployer(r, p.reg))
	}
	switch p.job {
	case "学生", "无业人员", "农民", "退(离)休人员":
		p.employers = nil
	}
	return p
}
